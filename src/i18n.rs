//! Interface labels in English and Dutch (`language: en | nl`).

use std::collections::BTreeMap;

use crate::config::Language;

/// (key, English, Dutch) for every label of the default theme.
const LABELS: &[(&str, &str, &str)] = &[
    ("home", "Overview", "Overzicht"),
    ("report", "Report", "Rapport"),
    ("insights", "Insights", "Inzichten"),
    ("insight", "Insight", "Inzicht"),
    ("personas", "Personas", "Persona's"),
    ("persona", "Persona", "Persona"),
    ("journeys", "Journeys", "Klantreizen"),
    ("journey", "Journey", "Klantreis"),
    ("kano", "Kano studies", "Kano-onderzoeken"),
    ("kano_study", "Kano study", "Kano-onderzoek"),
    ("nps", "NPS", "NPS"),
    ("nps_series", "NPS series", "NPS-reeks"),
    ("biases", "Heuristics & biases", "Heuristieken & biases"),
    ("bias", "Bias", "Bias"),
    ("biases_short", "Biases", "Biases"),
    ("chapters", "Chapters", "Hoofdstukken"),
    ("chapter", "Chapter", "Hoofdstuk"),
    ("contents", "Contents", "Inhoud"),
    ("search", "Search", "Zoeken"),
    ("search_placeholder", "Search insights…", "Zoek in inzichten…"),
    ("read_report", "Read the report", "Lees het rapport"),
    ("explore", "Explore the study", "Verken het onderzoek"),
    ("prepared_for", "Prepared for", "Opgesteld voor"),
    ("prepared_by", "By", "Door"),
    ("confidential", "Confidential", "Vertrouwelijk"),
    ("emotional", "Emotional", "Emotioneel"),
    ("functional", "Functional", "Functioneel"),
    ("breakthrough", "Breakthrough", "Doorbraak"),
    ("emotional_hint", "Deep drivers, needs and feelings", "Diepere drijfveren, behoeften en gevoelens"),
    ("functional_hint", "Behaviour that can be seen and measured", "Gedrag dat zichtbaar en meetbaar is"),
    ("breakthrough_hint", "What would change the experience", "Wat de beleving doorbreekt"),
    ("layer_missing", "Not worked out yet.", "Nog niet uitgewerkt."),
    ("evidence", "Evidence", "Onderbouwing"),
    ("source", "Source", "Bron"),
    ("confidence", "Confidence", "Zekerheid"),
    ("impact", "Impact", "Impact"),
    ("status", "Status", "Status"),
    ("tags", "Tags", "Tags"),
    ("date", "Date", "Datum"),
    ("high", "High", "Hoog"),
    ("medium", "Medium", "Gemiddeld"),
    ("low", "Low", "Laag"),
    ("draft", "Draft", "Concept"),
    ("review", "In review", "In review"),
    ("final", "Final", "Definitief"),
    ("persona_insights", "Insights about this persona", "Inzichten over deze persona"),
    ("persona_journeys", "Journeys of this persona", "Klantreizen van deze persona"),
    ("goals", "Goals", "Doelen"),
    ("needs", "Needs", "Behoeften"),
    ("pains", "Pains", "Pijnpunten"),
    ("motivations", "Motivations", "Motivaties"),
    ("behaviours", "Behaviours", "Gedrag"),
    ("channels", "Channels", "Kanalen"),
    ("facts", "Facts", "Feiten"),
    ("about", "About", "Over"),
    ("temperament", "Temperament", "Temperament"),
    ("artisan", "Artisan", "Artisan"),
    ("guardian", "Guardian", "Guardian"),
    ("idealist", "Idealist", "Idealist"),
    ("rational", "Rational", "Rational"),
    ("artisan_hint", "Spontaneous, hands-on, lives in the moment", "Spontaan, praktisch, leeft in het moment"),
    (
        "guardian_hint",
        "Dependable, careful, values security and order",
        "Betrouwbaar, zorgvuldig, hecht aan zekerheid en orde",
    ),
    (
        "idealist_hint",
        "Meaning-seeking, empathic, values authenticity",
        "Zoekt betekenis, empathisch, hecht aan echtheid",
    ),
    ("rational_hint", "Analytical, sceptical, values competence", "Analytisch, kritisch, hecht aan deskundigheid"),
    ("stage", "Stage", "Fase"),
    ("stages", "Stages", "Fases"),
    ("step", "Step", "Stap"),
    ("steps", "Steps", "Stappen"),
    ("moment_of_truth", "Moment of truth", "Moment van de waarheid"),
    ("zmot", "ZMOT", "ZMOT"),
    ("fmot", "FMOT", "FMOT"),
    ("smot", "SMOT", "SMOT"),
    ("umot", "UMOT", "UMOT"),
    (
        "zmot_hint",
        "Zero moment of truth: orientation before meeting the product",
        "Zero moment of truth: oriëntatie vóór het eerste contact",
    ),
    ("fmot_hint", "First moment of truth: choosing and buying", "First moment of truth: kiezen en kopen"),
    ("smot_hint", "Second moment of truth: using it", "Second moment of truth: het gebruik"),
    ("umot_hint", "Ultimate moment of truth: sharing the experience", "Ultimate moment of truth: de ervaring delen"),
    ("touchpoint", "Touchpoint", "Touchpoint"),
    ("experience", "Customer moment", "Klantmoment"),
    ("doing", "Doing", "Doet"),
    ("thinking", "Thinking", "Denkt"),
    ("emotion", "Emotion", "Emotie"),
    ("opportunities", "Opportunities", "Kansen"),
    ("owners", "Owners", "Eigenaren"),
    ("day", "Day", "Dag"),
    ("channel", "Channel", "Kanaal"),
    ("where_in_journey", "Where in the journey", "Waar in de klantreis"),
    // Journey diagrams.
    ("journey_map", "Journey map", "Klantreiskaart"),
    ("timeline", "Timeline", "Tijdlijn"),
    (
        "timeline_intro",
        "The organisation's touchpoints above the day axis, the customer's own moments below; colour shows how the customer feels.",
        "De touchpoints van de organisatie boven de dagas, de eigen momenten van de klant eronder; de kleur toont hoe de klant zich voelt.",
    ),
    ("organisation", "Organisation", "Organisatie"),
    ("customer", "Customer", "Klant"),
    ("touchpoints", "Touchpoints", "Touchpoints"),
    ("experience_moments", "Customer moments", "Klantmomenten"),
    ("touchpoint_hint", "a contact moment designed by the organisation", "een contactmoment dat de organisatie ontwierp"),
    ("experience_hint", "in the customer's head or life, outside any touchpoint", "in het hoofd of leven van de klant, buiten elk touchpoint"),
    ("unattended", "Unattended", "Onbegeleid"),
    (
        "unattended_hint",
        "the customer feels negative and no touchpoint happens until the next contact",
        "de klant voelt zich negatief en er is geen touchpoint tot het volgende contact",
    ),
    ("days", "Days", "Dagen"),
    ("positive", "Positive", "Positief"),
    ("neutral", "Neutral", "Neutraal"),
    ("negative", "Negative", "Negatief"),
    ("insight_marker", "Insight: opens the insight page", "Inzicht: opent de inzichtpagina"),
    ("map_as_table", "The map as a table", "De kaart als tabel"),
    ("timeline_as_table", "The timeline as a table", "De tijdlijn als tabel"),
    ("steps_without_day", "Steps without a day (not shown)", "Stappen zonder dag (niet getoond)"),
    ("emotion_curve", "Emotion curve", "Emotiecurve"),
    ("insights_on_map", "Insights on the map", "Inzichten op de kaart"),
    ("lowest_point", "Lowest point", "Dieptepunt"),
    ("mentioned_in", "Mentioned in", "Genoemd in"),
    ("basic", "Basic", "Basis"),
    ("performance", "Performance", "Beleving"),
    ("delight", "Delight", "Bijzonder"),
    ("indifferent", "Indifferent", "Onverschillig"),
    ("reverse", "Reverse", "Omgekeerd"),
    ("questionable", "Questionable", "Twijfelachtig"),
    ("feature", "Feature", "Kenmerk"),
    ("features", "Features", "Kenmerken"),
    ("category", "Category", "Categorie"),
    ("better", "Better", "Better"),
    ("worse", "Worse", "Worse"),
    ("answers", "Answers", "Antwoorden"),
    ("importance", "Importance", "Belang"),
    ("history", "Drift over time", "Verschuiving door de tijd"),
    ("stated_category_note", "computed from the answers", "berekend uit de antwoorden"),
    ("period", "Period", "Periode"),
    ("promoters", "Promoters", "Promoters"),
    ("passives", "Passives", "Passives"),
    ("detractors", "Detractors", "Detractors"),
    ("respondents", "Respondents", "Respondenten"),
    ("nps_score", "NPS", "NPS"),
    ("margin", "95% margin", "95%-marge"),
    ("latest", "Latest", "Laatste"),
    ("measurements", "Measurements", "Metingen"),
    ("origin", "Origin", "Herkomst"),
    ("added_by_project", "added in this study", "toegevoegd in dit onderzoek"),
    ("insights_with_bias", "Insights", "Inzichten"),
    ("none_yet", "None yet.", "Nog geen."),
    ("previous", "Previous", "Vorige"),
    ("next", "Next", "Volgende"),
    ("open_page", "Open page", "Open pagina"),
    ("chart_soon", "Chart", "Grafiek"),
    ("all_insights", "All insights", "Alle inzichten"),
    ("count_insights", "insights", "inzichten"),
    ("count_personas", "personas", "persona's"),
    ("count_journeys", "journeys", "klantreizen"),
    ("count_kano", "Kano studies", "Kano-onderzoeken"),
    ("count_nps", "NPS series", "NPS-reeksen"),
    ("count_chapters", "chapters", "hoofdstukken"),
    ("made_with", "Made with cxsite", "Gemaakt met cxsite"),
    ("skip_to_content", "Skip to content", "Naar de inhoud"),
    ("in_this_study", "In this study", "In dit onderzoek"),
];

/// The labels of `lang`, by key.
pub fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    LABELS.iter().map(|&(k, en, nl)| (k, if lang == Language::Nl { nl } else { en })).collect()
}

/// One label of `lang`; the key itself when unknown.
pub fn label(lang: Language, key: &str) -> &str {
    LABELS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|&(_, en, nl)| if lang == Language::Nl { nl } else { en })
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kano_labels_in_both_languages() {
        assert_eq!(label(Language::En, "basic"), "Basic");
        assert_eq!(label(Language::Nl, "basic"), "Basis");
        assert_eq!(label(Language::Nl, "performance"), "Beleving");
        assert_eq!(label(Language::Nl, "delight"), "Bijzonder");
        let keys: std::collections::BTreeSet<_> = LABELS.iter().map(|l| l.0).collect();
        assert_eq!(keys.len(), LABELS.len(), "duplicate label key");
    }
}
