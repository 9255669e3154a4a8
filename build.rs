// Rebuild when the embedded theme or example project changes (include_dir
// does not tell cargo about the files it embeds).
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=example-project");
    println!("cargo:rerun-if-changed=src/model/bias_catalogue.yaml");
}
