//! `--plain` and `--ansi` print row by row: a large input costs about its own size in
//! memory, not one `String` per grapheme (which took 63 times the input). Measured on
//! the real binary, as the kernel counts it: the peak resident size (VmHWM) of the
//! child process.

#![cfg(target_os = "linux")]

use std::io::Read;
use std::process::{Command, Stdio};

/// The child's peak resident size in bytes.
fn peak_of(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the child runs");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("Linux reports VmHWM");
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap();
    kib * 1024
}

/// Runs whosaid on `file` and returns (its output, its peak memory). The peak is read
/// while the child is alive: the output is read until a little is left, more than a
/// pipe and the child's buffer hold, so the child is blocked writing it, and the peak
/// (which never goes down) is taken then, after all the reading and nearly all the
/// printing.
fn run(args: &[&str], expected_len: usize) -> (Vec<u8>, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .env("WHOSAID_CONFIG_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().unwrap();
    let held_back = 1 << 20;
    let mut out = vec![0u8; expected_len.saturating_sub(held_back)];
    stdout.read_exact(&mut out).expect("the output is at least this long");
    let peak = peak_of(child.id());
    stdout.read_to_end(&mut out).unwrap();
    assert!(child.wait().unwrap().success());
    (out, peak)
}

#[test]
fn plain_output_of_a_large_input_takes_about_its_size_in_memory() {
    let size = 12 * 1024 * 1024;
    let text = whosaid::source::samples::repeated(size);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    std::fs::write(&file, &text).unwrap();
    let article = whosaid::Article::from_text("big.txt", text);
    for width in ["0", "80"] {
        let expected = whosaid::print::plain(&article, width.parse().unwrap());
        let (out, peak) =
            run(&["--plain", "--width", width, file.to_str().unwrap()], expected.len());
        assert!(out == expected.as_bytes(), "--width {width}: the output changed");
        let ratio = peak as f64 / article.text.len() as f64;
        eprintln!("--plain --width {width}: peak {} MiB, {ratio:.2}x the input", peak >> 20);
        assert!(ratio <= 3.0, "--width {width}: peak {peak} bytes, {ratio:.1}x the input");
    }
}

/// This process's peak resident size in bytes.
fn own_peak() -> u64 {
    peak_of(std::process::id())
}

#[test]
fn a_regular_file_above_the_limit_is_refused_before_it_is_read() {
    // A sparse file of 1 GiB: nothing on disk, but 256 MiB in memory if it were read
    // up to the default limit first.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.txt");
    std::fs::File::create(&file).unwrap().set_len(1 << 30).unwrap();
    let before = own_peak();
    let options = whosaid::source::LoadOptions {
        max_bytes: whosaid::source::DEFAULT_MAX_BYTES,
        ..whosaid::source::LoadOptions::default()
    };
    let e = whosaid::source::load_with(file.to_str().unwrap(), &options).unwrap_err();
    assert!(format!("{e:#}").contains("larger than the 256 MiB limit"), "{e:#}");
    let grew = own_peak().saturating_sub(before);
    // The other test of this file holds some tens of MiB at once; reading would be 256.
    assert!(grew < 128 << 20, "the peak grew by {} MiB: the file was read", grew >> 20);
}
