//! Every YAML content kind (insight, persona, journey, Kano study, NPS series, biases, front matter) through the loader, errors path included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader refuses text that is not UTF-8 before any parser sees it.
    if let Ok(text) = std::str::from_utf8(data) {
        cxsite::fuzzing::yaml_kinds(text);
    }
});
