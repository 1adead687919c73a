//! Where a report's memory goes: the heap in use after each phase, counted by a wrapping
//! allocator (exact bytes asked for, not pages), for one file or folder.
//!
//!     cargo run --release --example memory -- FILE

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn report(phase: &str) {
    let mb = |n: usize| n as f64 / 1_048_576.0;
    println!(
        "{phase:<28} in use {:>7.1} MB   peak so far {:>7.1} MB",
        mb(IN_USE.load(Ordering::Relaxed)),
        mb(PEAK.load(Ordering::Relaxed))
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE");
    report("start");
    let input = certscope::load_path(std::path::Path::new(&path), &certscope::LoadOptions::default());
    let inputs = vec![input];
    report("loaded");
    let chains = certscope::build_chains(&inputs);
    report("chains");
    let anchors = certscope::diagnose::Anchors::load(&[], "");
    report("anchors");
    let options = certscope::diagnose::Options::at(time::OffsetDateTime::now_utc());
    let diagnosis = certscope::diagnose::diagnose_files(&inputs, &chains, &anchors, &options);
    report("diagnosed");
    println!("{} certificates, {} findings", inputs[0].certificates.len(), diagnosis.findings.len());
}
