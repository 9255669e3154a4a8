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
    ("legend", "Legend", "Legenda"),
    ("insight_marker_print", "Insight, numbered as in the list of insights", "Inzicht, genummerd als in de lijst met inzichten"),
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
    // Kano and NPS charts.
    ("kano_diagram", "Kano diagram", "Kano-diagram"),
    ("better_worse", "Better–Worse diagram", "Better-Worse-diagram"),
    ("category_shares", "Category shares", "Verdeling over de categorieën"),
    ("fulfilment", "Fulfilment", "Vervulling"),
    ("absent", "absent", "afwezig"),
    ("fully_present", "fully present", "volledig aanwezig"),
    ("satisfaction", "Satisfaction", "Tevredenheid"),
    ("dissatisfied", "dissatisfied", "ontevreden"),
    ("delighted", "delighted", "enthousiast"),
    ("over_time", "over time", "na verloop van tijd"),
    ("better_axis", "Better: satisfaction when present", "Better: tevredenheid als het er is"),
    ("worse_axis", "|Worse|: dissatisfaction when absent", "|Worse|: ontevredenheid als het ontbreekt"),
    ("size_importance", "Point size: self-stated importance (1–5)", "Puntgrootte: opgegeven belang (1–5)"),
    ("size_importance_missing", "open: importance not asked", "open: belang niet gevraagd"),
    ("size_answers", "Point size: number of answers", "Puntgrootte: aantal antwoorden"),
    ("strength", "Strength", "Sterkte"),
    (
        "strength_hint",
        "Strength: the share of the top category minus that of the runner-up, in percentage points.",
        "Sterkte: het aandeel van de grootste categorie min dat van de tweede, in procentpunten.",
    ),
    (
        "fong_hint",
        "The top two categories are not significantly different (Fong test, α = 0.10): the category is uncertain.",
        "De twee grootste categorieën verschillen niet significant (Fong-toets, α = 0,10): de categorie is onzeker.",
    ),
    ("not_significant", "not significant", "niet significant"),
    ("no_answers", "no answers", "geen antwoorden"),
    ("not_on_a_curve", "Not on a curve", "Niet op een curve"),
    ("not_placed", "Not placed (no answers)", "Niet geplaatst (geen antwoorden)"),
    ("year", "Year", "Jaar"),
    ("data_table", "Data", "Gegevens"),
    ("nps_trend", "NPS over time", "NPS door de tijd"),
    ("nps_mix", "Promoters, passives and detractors", "Promoters, passives en detractors"),
    ("score_distribution", "Score distribution", "Verdeling van de scores"),
    ("score", "Score", "Score"),
    ("share_pct", "Share of respondents (%)", "Aandeel respondenten (%)"),
    (
        "desc_kano_diagram",
        "Kano diagram of {n} features: satisfaction (up) against fulfilment (right), with the curves of basic, performance and delight features. Each feature sits on the curve of its category, stronger ones further out.",
        "Kano-diagram van {n} kenmerken: tevredenheid (omhoog) tegen vervulling (naar rechts), met de curves van basis-, belevings- en bijzondere kenmerken. Elk kenmerk staat op de curve van zijn categorie, sterkere verder naar buiten.",
    ),
    (
        "desc_better_worse",
        "Better–Worse diagram of {n} features: Better (satisfaction when present) up, |Worse| (dissatisfaction when absent) to the right, divided at 0.5 into delight, performance, basic and indifferent.",
        "Better-Worse-diagram van {n} kenmerken: Better (tevredenheid als het er is) omhoog, |Worse| (ontevredenheid als het ontbreekt) naar rechts, bij 0,5 verdeeld in bijzonder, beleving, basis en onverschillig.",
    ),
    (
        "desc_shares",
        "Share of each Kano category in the answers per feature, as stacked bars (A delight, O performance, M basic, I indifferent, R reverse, Q questionable), sorted by category, with the category strength.",
        "Aandeel van elke Kano-categorie in de antwoorden per kenmerk, als gestapelde balken (A bijzonder, O beleving, M basis, I onverschillig, R omgekeerd, Q twijfelachtig), gesorteerd op categorie, met de sterkte van de categorie.",
    ),
    (
        "desc_drift",
        "How {n} features moved between the Kano categories from {from} to {to}: delighters decay into performance and basic features over the years.",
        "Hoe {n} kenmerken tussen de Kano-categorieën verschoven van {from} tot {to}: bijzondere kenmerken worden door de jaren beleving en basis.",
    ),
    (
        "desc_nps_trend",
        "NPS per period, {n} periods from {from} to {to}, with the 95% margin of error as a band.",
        "NPS per periode, {n} periodes van {from} tot {to}, met de 95%-foutmarge als band.",
    ),
    (
        "desc_nps_mix",
        "Promoters, passives and detractors per period as stacked bars, in % of respondents.",
        "Promoters, passives en detractors per periode als gestapelde balken, in % van de respondenten.",
    ),
    (
        "desc_distribution",
        "Number of respondents per score from 0 to 10 in {period}: 0–6 detractors, 7–8 passives, 9–10 promoters.",
        "Aantal respondenten per score van 0 tot 10 in {period}: 0–6 detractors, 7–8 passives, 9–10 promoters.",
    ),
    ("origin", "Origin", "Herkomst"),
    ("added_by_project", "added in this study", "toegevoegd in dit onderzoek"),
    ("insights_with_bias", "Insights", "Inzichten"),
    ("none_yet", "None yet.", "Nog geen."),
    ("previous", "Previous", "Vorige"),
    ("next", "Next", "Volgende"),
    ("open_page", "Open page", "Open pagina"),
    ("chart_soon", "Chart", "Grafiek"),
    ("all_insights", "All insights", "Alle inzichten"),
    // Counts: the word after a number, for one (`count_*_one`) and for any other number.
    ("count_insights", "insights", "inzichten"),
    ("count_insights_one", "insight", "inzicht"),
    ("count_personas", "personas", "persona's"),
    ("count_personas_one", "persona", "persona"),
    ("count_journeys", "journeys", "klantreizen"),
    ("count_journeys_one", "journey", "klantreis"),
    ("count_kano", "Kano studies", "Kano-onderzoeken"),
    ("count_kano_one", "Kano study", "Kano-onderzoek"),
    ("count_nps", "NPS series", "NPS-reeksen"),
    ("count_nps_one", "NPS series", "NPS-reeks"),
    ("count_chapters", "chapters", "hoofdstukken"),
    ("count_chapters_one", "chapter", "hoofdstuk"),
    ("count_stages", "stages", "fases"),
    ("count_stages_one", "stage", "fase"),
    ("count_steps", "steps", "stappen"),
    ("count_steps_one", "step", "stap"),
    ("count_features", "features", "kenmerken"),
    ("count_features_one", "feature", "kenmerk"),
    ("count_respondents", "respondents", "respondenten"),
    ("count_respondents_one", "respondent", "respondent"),
    ("count_measurements", "measurements", "metingen"),
    ("count_measurements_one", "measurement", "meting"),
    ("made_with", "Made with cxsite", "Gemaakt met cxsite"),
    ("skip_to_content", "Skip to content", "Naar de inhoud"),
    ("in_this_study", "In this study", "In dit onderzoek"),
    ("filter_insights", "Search and filter insights", "Zoek en filter inzichten"),
    ("search_text", "Words", "Woorden"),
    ("search_text_placeholder", "e.g. doubt invoice", "bijv. twijfel factuur"),
    ("any", "Any", "Alle"),
    ("tag", "Tag", "Tag"),
    ("task_done", "done", "gedaan"),
    ("task_open", "to do", "te doen"),
    ("scroll_sideways", "scroll sideways when the screen is narrow", "scroll opzij als het scherm smal is"),
    (
        "kano_placement",
        "Each feature sits on the curve of its category, in the fulfilled half: the further right, the stronger it is in its category (|Worse| for basic, Better for delight, both for the others). The position is a rank, not a measurement.",
        "Elk kenmerk staat op de curve van zijn categorie, in de vervulde helft: hoe verder naar rechts, hoe sterker het in zijn categorie is (|Worse| bij basis, Better bij bijzonder, beide bij de andere). De positie is een rangorde, geen meting."
    ),
    ("scrollable_diagram", "Diagram (scroll sideways to see all of it)", "Diagram (scroll opzij om alles te zien)"),
    ("clear_filters", "Clear", "Wissen"),
    ("showing_of", "Showing {shown} of {total} insights", "{shown} van {total} inzichten getoond"),
    ("matches_of", "{matches} of {total} insights match", "{matches} van {total} inzichten gevonden"),
    ("no_matches", "No insight matches. Try fewer words or clear a filter.", "Geen inzicht gevonden. Probeer minder woorden of wis een filter."),
    ("show_more", "Show more", "Toon meer"),
    // coverage.html (issue 14).
    ("coverage", "Coverage", "Dekking"),
    ("coverage_intro", "How many insights, and from how many distinct sources, back each persona in each stage of a journey. The darker the cell, the more insights; a cell without insights says so.", "Hoeveel inzichten, en uit hoeveel verschillende bronnen, elke persona in elke fase van een klantreis onderbouwen. Hoe donkerder de cel, hoe meer inzichten; een cel zonder inzichten zegt dat ook."),
    ("coverage_matrix_caption", "Insights and sources per persona and stage", "Inzichten en bronnen per persona en fase"),
    ("coverage_empty_cell", "none", "geen"),
    ("coverage_empty_cell_hint", "no insights", "geen inzichten"),
    ("coverage_insight", "insight", "inzicht"),
    ("coverage_insights", "insights", "inzichten"),
    ("coverage_source", "source", "bron"),
    ("coverage_sources", "sources", "bronnen"),
    ("coverage_gaps", "Gaps", "Hiaten"),
    ("coverage_empty_stages", "Stages with no insight", "Fases zonder inzicht"),
    ("coverage_idle_personas", "Personas with no insight", "Persona's zonder inzicht"),
    ("coverage_missing_layers", "Insights with a missing layer", "Inzichten met een ontbrekende laag"),
    ("coverage_no_evidence", "Insights with no evidence", "Inzichten zonder onderbouwing"),
    ("coverage_unused_sources", "Sources no insight uses", "Bronnen die geen inzicht gebruikt"),
    ("coverage_no_register", "The project has no sources.yaml.", "Het project heeft geen sources.yaml."),
    ("coverage_methods", "Evidence by method", "Onderbouwing per methode"),
    ("coverage_method", "Method", "Methode"),
    ("coverage_items", "Items", "Stuks"),
    ("coverage_untyped", "No method given", "Geen methode opgegeven"),
    ("coverage_total", "Total", "Totaal"),
    ("coverage_none", "None.", "Geen."),
    ("coverage_method_interview", "Interview", "Interview"),
    ("coverage_method_survey", "Survey", "Enquête"),
    ("coverage_method_observation", "Observation", "Observatie"),
    ("coverage_method_analytics", "Analytics", "Analytics"),
    ("coverage_method_social", "Social media", "Sociale media"),
    ("coverage_method_nps", "NPS comments", "NPS-opmerkingen"),
    ("coverage_method_desk", "Desk research", "Deskresearch"),
    ("search_needs_js", "Search, filters and the rest of the list need JavaScript; every insight is also linked from its personas, journeys and biases.", "Zoeken, filters en de rest van de lijst werken met JavaScript; elk inzicht is ook te vinden via persona's, klantreizen en biases."),
];

/// The labels of `lang`, by key.
pub fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    LABELS.iter().map(|&(k, en, nl)| (k, if lang == Language::Nl { nl } else { en })).collect()
}

/// A number and its noun, singular for one: `count(En, 1, "steps")` is
/// "1 step", from the labels `count_steps_one` and `count_steps`.
pub fn count(lang: Language, n: usize, noun: &str) -> String {
    let key = if n == 1 { format!("count_{noun}_one") } else { format!("count_{noun}") };
    format!("{n} {}", label(lang, &key))
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

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!(count(Language::En, 1, "steps"), "1 step");
        assert_eq!(count(Language::En, 0, "steps"), "0 steps");
        assert_eq!(count(Language::Nl, 1, "stages"), "1 fase");
        assert_eq!(count(Language::Nl, 4, "stages"), "4 fases");
    }
}
