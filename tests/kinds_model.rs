//! The shipped kind model is what the trainer makes from the annotated data.

use std::path::Path;
use std::process::Command;

#[test]
fn the_shipped_weights_are_what_the_trainer_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/eval");
    if !data.join("pool/train").is_dir() || !data.join("dev").is_dir() {
        eprintln!("skipped: the annotated data (../shared/eval) is not beside the repository");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("kinds.tsv");
    let done = Command::new(env!("CARGO_BIN_EXE_train-kinds"))
        .current_dir(root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("the trainer runs");
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let trained = std::fs::read_to_string(&out).expect("the trainer wrote its model");
    let shipped = std::fs::read_to_string(root.join("assets/kinds.tsv")).expect("assets/kinds.tsv");
    assert!(
        trained == shipped,
        "assets/kinds.tsv is stale: run `cargo run --release --bin train-kinds`"
    );
}
