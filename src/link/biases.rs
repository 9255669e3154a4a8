//! The biases of a site: cxsite's built-in catalogue with the project's
//! `biases.yaml` laid over it (overrides and new entries).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::positions::Seg;
use crate::load::Sources;
use crate::model::bias::{self, Bias};

/// The built-in catalogue with `biases.yaml` laid over it.
pub(crate) fn merge(sources: &Sources, diags: &mut Diagnostics) -> Vec<Bias> {
    let mut all = match sources.config.language {
        crate::config::Language::Nl => bias::catalogue(bias::CATALOGUE_NL_YAML),
        crate::config::Language::En => bias::builtin(),
    };
    if let Some(item) = &sources.biases {
        let pos = crate::load::positions::Lazy::new(&item.file.text);
        for (id, entry) in item.data.iter() {
            let at = || pos.locate(&[Seg::Key(id)]);
            if !crate::load::is_valid_id(id) {
                let (l, c) = pos.locate_key(&[Seg::Key(id)]);
                diags.push(
                    Diagnostic::error(Code::BadId, &item.file.rel, l, c, format!("`{id}` is not a valid bias id"))
                        .with_help("ids use lower-case letters, digits and `-` only"),
                );
                continue;
            }
            match all.get_mut(id) {
                Some(existing) => {
                    if let Some(n) = &entry.name {
                        existing.name = n.clone();
                    }
                    if let Some(d) = &entry.description {
                        existing.description = d.clone();
                    }
                    if entry.source.is_some() {
                        existing.source = entry.source.clone();
                    }
                    existing.from_project = true;
                }
                None => {
                    let (Some(name), Some(description)) = (&entry.name, &entry.description) else {
                        let (l, c) = at();
                        diags.push(
                            Diagnostic::error(
                                Code::MissingContent,
                                &item.file.rel,
                                l,
                                c,
                                format!("new bias `{id}` needs a `name` and a `description`"),
                            )
                            .with_help("only entries that override a built-in bias may leave fields out"),
                        );
                        continue;
                    };
                    let bias = Bias {
                        id: id.clone(),
                        name: name.clone(),
                        description: description.clone(),
                        source: entry.source.clone(),
                        from_project: true,
                    };
                    all.insert(id.clone(), bias);
                }
            }
        }
    }
    all.into_values().collect()
}
