//! `cxsite-data.json` written straight from the site: the bytes of
//! [`Snapshot::to_json`], with each insight turned into data only while it
//! is written. `build` uses it, so the end of a 10k build holds no copy of
//! every insight (the file is made last, when the pages are done).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::snapshot::{insight_data, Snapshot};
use crate::analysis::Results;
use crate::Site;

/// The snapshot of `site` without its insights, and the site to take them from.
struct Streamed<'a> {
    head: Snapshot,
    site: &'a Site,
}

/// The insights of a site, serialised one at a time.
struct Insights<'a>(&'a Site);

impl Serialize for Insights<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let register = self.0.sources.as_ref().map(|r| &*r.data);
        s.collect_seq(self.0.insights.iter().map(|i| insight_data(i, register)))
    }
}

impl Serialize for Streamed<'_> {
    /// The fields of [`Snapshot`] in its order (a test compares the bytes with `Snapshot::to_json`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = &self.head;
        let mut st = s.serialize_struct("Snapshot", 15)?;
        st.serialize_field("schema_version", &h.schema_version)?;
        st.serialize_field("generator", &h.generator)?;
        st.serialize_field("title", &h.title)?;
        st.serialize_field("subtitle", &h.subtitle)?;
        st.serialize_field("client", &h.client)?;
        st.serialize_field("date", &h.date)?;
        st.serialize_field("built", &h.built)?;
        st.serialize_field("language", &h.language)?;
        st.serialize_field("insights", &Insights(self.site))?;
        st.serialize_field("personas", &h.personas)?;
        st.serialize_field("journeys", &h.journeys)?;
        st.serialize_field("kano", &h.kano)?;
        st.serialize_field("nps", &h.nps)?;
        st.serialize_field("chapters", &h.chapters)?;
        st.serialize_field("sources", &h.sources)?;
        st.end()
    }
}

/// Writes the bytes of `Snapshot::of(site, results).to_json()` to `w`, as they are made.
pub fn write_json(site: &Site, results: &Results, mut w: impl std::io::Write) -> std::io::Result<()> {
    let head = Snapshot::without_insights(site, results);
    super::lines::write(&mut w, &Streamed { head, site })?;
    w.write_all(b"\n")
}
