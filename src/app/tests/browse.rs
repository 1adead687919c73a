//! UI tests of browsing and learning: the inventory, Explain, the ASN.1 view, the diagram,
//! Compare, keystores, settings, help and the shortcuts; and the frame-time benchmark.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::*;

/// Drops a folder on the window and waits for the inventory it opens as.
fn inventory_of(dir: &std::path::Path) -> Harness<'static, App> {
    let mut harness = harness();
    harness.input_mut().dropped_files.push(Arc::new(TestDrop(dir.to_path_buf())));
    wait_for(&mut harness, "distinct");
    harness
}

#[test]
fn a_folder_of_many_certificates_opens_as_a_sortable_filterable_inventory() {
    let mut harness = inventory_of(&fixture("lints"));
    let state = &harness.state().inventory;
    let distinct = state.len();
    assert!(distinct >= 20, "{distinct}");
    assert!(shows(&harness, &format!("Inventory ({distinct})")), "the toolbar counts them");
    assert!(shows(&harness, "Export CSV…"));
    // Worst first by default; a click on "Days left" sorts by expiry, again reverses.
    harness.get_by_label("Days left").click();
    harness.run();
    let rows = &harness.state().inventory.shown_rows();
    assert!(rows.windows(2).all(|w| w[0].not_after <= w[1].not_after), "ascending by expiry");
    harness.get_by_label("Days left").click();
    harness.run();
    let rows = &harness.state().inventory.shown_rows();
    assert!(rows.windows(2).all(|w| w[0].not_after >= w[1].not_after), "descending by expiry");
    // The search narrows the table to the rows whose subject holds the words.
    type_in(&mut harness, "Search:", "lint TSA");
    harness.run();
    let rows = harness.state().inventory.shown_rows();
    assert!(!rows.is_empty() && rows.len() < distinct, "{} of {distinct}", rows.len());
    assert!(
        rows.iter().all(|r| r.subject.contains("TSA")),
        "{:?}",
        rows.iter().map(|r| &r.subject).collect::<Vec<_>>()
    );
    // A filter: CA certificates only.
    harness.get_by_label("CA").click();
    harness.run();
    assert!(harness.state().inventory.shown_rows().iter().all(|r| r.ca));
}

#[test]
fn a_double_click_in_the_inventory_opens_the_certificate() {
    let mut harness = inventory_of(&fixture("lints"));
    type_in(&mut harness, "Search:", "certscope Lint TSA");
    harness.run();
    let row = harness.state().inventory.shown_rows()[0].clone();
    // Narrowed to that one row by its fingerprint, as an admin pastes one.
    harness.state_mut().inventory.filter.search = row.sha256.clone();
    harness.run();
    assert_eq!(harness.state().inventory.shown_rows().len(), 1);
    // Two clicks within one frame: egui sees a double click.
    let at = harness.get_by_label(&row.name).rect().center();
    let button = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    harness.input_mut().events.push(egui::Event::PointerMoved(at));
    for pressed in [true, false, true, false] {
        harness.input_mut().events.push(button(pressed));
    }
    harness.run();
    assert!(!harness.state().showing_inventory(), "the details show");
    assert_eq!(harness.state().selected, Some(Selection::Certificate(row.occurrences[0])));
}

#[test]
fn enter_in_the_inventorys_search_opens_the_first_row_found() {
    let mut harness = inventory_of(&fixture("lints"));
    let row = harness.state().inventory.shown_rows()[7].clone();
    // As an admin pastes a fingerprint and presses Enter.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    type_in(&mut harness, "Search:", &row.sha256);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!harness.state().showing_inventory());
    assert_eq!(harness.state().selected, Some(Selection::Certificate(row.occurrences[0])));
}

#[test]
fn the_explain_panel_follows_what_is_clicked_and_stays_open() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    harness.get_by_label("Explain F2").click();
    harness.run();
    assert!(harness.state().settings.explain, "kept for the next run");
    // It follows the selection: a certificate is shown, so what a certificate is.
    assert!(shows(&harness, "Source: RFC 5280 4.1"), "the Certificate entry");
    // A field's name: its entry, with the RFC section.
    click_in_view(&mut harness, "Serial");
    harness.run();
    assert!(shows(&harness, "Source: RFC 5280 4.1.2.2"), "the serial's entry");
    // An extension's name.
    click_in_view(&mut harness, "Basic constraints");
    harness.run();
    assert!(shows(&harness, "Source: RFC 5280 4.2.1.9"));
    assert!(shows(&harness, "OID 2.5.29.19"));
    // A finding: why and how to fix it.
    let finding = "WARNING  The chain ends at 'certscope Sample Root CA'";
    harness.get_by_label_contains(finding).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(finding).click();
    harness.run();
    assert!(shows(&harness, "How to fix it"));
    assert!(shows(&harness, "trust.private_root"));
    // F2 closes it.
    harness.key_press(egui::Key::F2);
    harness.run();
    assert!(!harness.state().settings.explain);
    assert!(!shows(&harness, "How to fix it"));
}

#[test]
fn the_asn1_view_shows_the_certificate_and_a_clicked_field_selects_its_element() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    click_in_view(&mut harness, "ASN.1 view");
    harness.run_steps(12);
    let state = harness.state().asn1.as_ref().expect("the view is open");
    assert!(state.title.starts_with("www.certscope.example"), "{}", state.title);
    assert!(shows(&harness, "SEQUENCE (") && shows(&harness, "elements"));
    // The serial's name in the details selects the serial's INTEGER, and says where its bytes are.
    click_in_view(&mut harness, "Serial");
    harness.run_steps(12);
    let selected = harness.state().asn1.as_ref().unwrap().selected_node().unwrap().clone();
    assert_eq!(selected.tag, "INTEGER");
    let leaf = &harness.state().inputs[0].input.certificates[0];
    assert_eq!(
        selected.value.as_deref().map(str::to_lowercase),
        Some(leaf.serial.trim_start_matches('0').to_lowercase())
    );
    assert!(shows(&harness, &format!("Selected: INTEGER at bytes {}..", selected.offset)));
    // An extension's name selects that extension.
    click_in_view(&mut harness, "Subject alternative name");
    harness.run_steps(12);
    let selected = harness.state().asn1.as_ref().unwrap().selected_node().unwrap().clone();
    assert_eq!(selected.tag, "SEQUENCE");
    assert!(selected.depth == 4, "an Extension inside [3] {{ SEQUENCE OF }}: {selected:?}");
}

#[test]
fn a_pkcs12_files_outer_structure_opens_in_the_asn1_view() {
    let mut harness = harness();
    harness.input_mut().dropped_files.push(Arc::new(TestDrop(fixture("modern.p12"))));
    wait_for(&mut harness, "ASN.1 view of the file");
    // Let the verdict above land: it moves the button down.
    let start = Instant::now();
    while harness.state().diagnosis.is_none() && start.elapsed() < Duration::from_secs(10) {
        harness.step();
    }
    harness.run();
    harness.get_by_label("ASN.1 view of the file").click();
    let start = Instant::now();
    while harness.state().asn1.is_none() && start.elapsed() < Duration::from_secs(10) {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();
    let state =
        harness.state().asn1.as_ref().unwrap_or_else(|| panic!("the file's structure: {:?}", harness.state().status));
    assert!(state.title.ends_with("modern.p12"), "{}", state.title);
    assert!(
        shows(&harness, "OBJECT (9)  pkcs7-data") || shows(&harness, "pkcs7-data"),
        "the PFX's authSafe content type"
    );
}

#[test]
fn the_theme_is_chosen_in_settings_and_kept() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    harness.get_by_label("Settings").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    assert_eq!(harness.state().settings.theme, "light", "kept in the settings");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    // The roots hosts are judged against, as Host options has them.
    harness.get_by_label("the roots in a file").click();
    harness.run();
    assert_eq!(harness.state().settings.host.roots, certscope::settings::HostRoots::CaFile);
    assert!(shows(&harness, "Roots file:"));
    // Nothing in the window's words is a CLI flag or a byte count.
    assert!(shows(&harness, "Refuse files larger than"));
    assert!(!shows(&harness, "--") && !shows(&harness, "bytes"));
}

#[test]
fn f1_opens_help_and_the_shortcuts_do_what_it_says() {
    let mut harness = harness();
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(shows(&harness, "Shortcuts") && shows(&harness, "Ctrl+Shift+C"), "help lists the shortcuts");
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(!shows(&harness, "Ctrl+Shift+C"));
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    // Ctrl+Shift+C: the selected certificate's fingerprint.
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::C);
    harness.run();
    assert_eq!(harness.state().status.as_deref(), Some("Copied SHA-256 fingerprint to the clipboard"));
    // F8 walks the certificates with something to fix; Shift+F8 walks back.
    harness.key_press(egui::Key::F8);
    harness.run();
    let second = harness.state().selected;
    assert!(matches!(second, Some(Selection::Certificate(_))));
    harness.key_press(egui::Key::F8);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F8);
    harness.run();
    assert_eq!(harness.state().selected, second, "back to where it was");
    // Ctrl+F: the inventory, its search field focused.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(harness.state().showing_inventory());
    let search = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search:");
    assert!(search.is_focused());
    // Ctrl+I: back to the details.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    harness.run();
    assert!(!harness.state().showing_inventory());
}

#[test]
fn two_certificates_compare_side_by_side_with_their_differences_marked() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    click_in_view(&mut harness, "Compare with:");
    harness.run();
    harness.get_by_label_contains("revoked.certscope.example (until").click();
    harness.run();
    assert!(matches!(harness.state().main_view, MainView::Compare(..)));
    assert!(shows(&harness, "www.certscope.example against revoked.certscope.example"));
    // Same issuer, another subject, serial and key: marked.
    assert!(shows(&harness, "differs") && shows(&harness, "same"));
    let a = harness.state().inputs[0].input.certificates[0].clone();
    let b = harness.state().inputs[0].input.certificates[1].clone();
    let rows = certscope::compare::rows(&a, &b);
    let shown = harness.query_all_by_label("differs").count();
    assert_eq!(shown, rows.iter().filter(|r| r.differs).count(), "one mark per differing row");
    harness.get_by_label("Back to the details").click();
    harness.run();
    assert!(matches!(harness.state().main_view, MainView::Details));
}

#[test]
fn after_loading_the_most_important_chain_is_shown_not_the_first_file() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    // A root first, then a leaf that would be rejected: the leaf's verdict is what matters.
    harness.state_mut().open_paths(&ctx, vec![fixture("root.pem"), fixture("expired.pem")]);
    wait_for(&mut harness, "expired 17 months ago");
    let start = Instant::now();
    while harness.state().selection_automatic && start.elapsed() < Duration::from_secs(10) {
        harness.step();
    }
    assert_eq!(harness.state().selected, Some(Selection::Certificate(CertRef { input: 1, index: 0 })));
    assert!(shows(&harness, "ERROR"));
}

/// A CRL of `entries` revoked serials (1, 2, …), its signature bytes not a signature (loading
/// and the ASN.1 view read shape, not signatures): SEQUENCE { SEQUENCE { version, algorithm,
/// issuer, thisUpdate, SEQUENCE OF { SEQUENCE { INTEGER, UTCTime } } }, algorithm, BIT STRING }.
fn crl_shaped(entries: usize) -> Vec<u8> {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let n = body.len();
        if n < 0x80 {
            out.push(n as u8);
        } else {
            let bytes: Vec<u8> = n.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
        out.extend_from_slice(body);
        out
    }
    let mut revoked = Vec::new();
    for i in 0..entries {
        let serial = tlv(0x02, &(i as u32 + 1).to_be_bytes());
        let time = tlv(0x17, b"260101000000Z");
        revoked.extend(tlv(0x30, &[serial, time].concat()));
    }
    let tbs = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            tlv(0x30, &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])),
            tlv(0x30, &tlv(0x31, &tlv(0x30, &[tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, b"Shaped CA")].concat()))),
            tlv(0x17, b"260101000000Z"),
            tlv(0x30, &revoked),
        ]
        .concat(),
    );
    tlv(
        0x30,
        &[tbs, tlv(0x30, &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])), tlv(0x03, &[0, 1, 2])]
            .concat(),
    )
}

/// The mouse wheel turned down over `at`.
fn wheel(harness: &mut Harness<'_, App>, at: egui::Pos2) {
    harness.input_mut().events.push(egui::Event::PointerMoved(at));
    harness.input_mut().events.push(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, -20.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
}

/// The window's frame times under load: the inventory with 100,000 rows and the ASN.1 view of
/// a 10,000-entry CRL, scrolled. A benchmark, not a timed test: `bash benches/frames.sh` runs it
/// (release build) and prints the worst and median frame.
#[test]
#[ignore]
fn frame_times() {
    let measure = |harness: &mut Harness<'_, App>, what: &str, scroll: &mut dyn FnMut(&mut Harness<'_, App>)| {
        harness.step();
        let mut times = Vec::new();
        for _ in 0..60 {
            scroll(harness);
            let start = Instant::now();
            harness.step();
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "{what}: worst frame {:.2} ms, median {:.2} ms over {} frames",
            times[times.len() - 1].as_secs_f64() * 1000.0,
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times.len()
        );
    };
    // The inventory: 100,000 rows.
    let mut harness = harness();
    let pem = std::fs::read(fixture("leaf-p256.pem")).unwrap();
    harness.event(egui::Event::Paste(String::from_utf8(pem.clone()).unwrap()));
    let start = Instant::now();
    while harness.state().diagnosis.is_none() && start.elapsed() < Duration::from_secs(20) {
        harness.step();
    }
    let row = {
        let app = harness.state();
        let input = &app.inputs[0].input;
        certscope::inventory::rows(&[input.as_ref()], app.diagnosis.as_ref().unwrap(), app.now()).remove(0)
    };
    let rows: Vec<certscope::inventory::Row> = (0..100_000)
        .map(|i| certscope::inventory::Row {
            name: format!("host{i}.example"),
            sha256: format!("{i:064x}"),
            days_left: i % 900,
            ..row.clone()
        })
        .collect();
    let diagnosis = harness.state().diagnosis.clone();
    harness.state_mut().inventory.set_rows(rows, diagnosis.as_ref());
    harness.state_mut().main_view = MainView::Inventory;
    let at = egui::pos2(600.0, 500.0);
    measure(&mut harness, "inventory, 100,000 rows, scrolling", &mut |h| {
        wheel(h, at);
    });
    let mut typed = 0;
    measure(&mut harness, "inventory, 100,000 rows, typing a search", &mut |h| {
        typed += 1;
        h.state_mut().inventory.filter.search = format!("host{typed}");
    });
    harness.state_mut().inventory.filter.search.clear();
    // A click on a heading: the sort runs on its own thread while frames go on.
    let mut clicked = false;
    measure(&mut harness, "inventory, 100,000 rows, the frames after sorting by subject", &mut |h| {
        if !std::mem::replace(&mut clicked, true) {
            h.state_mut().inventory.sort_by(0);
        }
    });
    assert!(!harness.state().inventory.sorting(), "the sort has landed");
    // The ASN.1 view of a 10,000-entry CRL (about 70,000 elements).
    drop(harness);
    let mut harness = self::harness();
    harness.event(egui::Event::Paste(String::from_utf8(pem.clone()).unwrap()));
    harness.state_mut().main_view = MainView::Details;
    harness.state_mut().asn1 =
        Some(views::asn1::State::new("CRL".into(), Arc::new(crl_shaped(10_000)), views::asn1::Kind::List));
    let at = egui::pos2(200.0, 700.0);
    measure(&mut harness, "ASN.1 view, 10,000-entry CRL, scrolling", &mut |h| {
        wheel(h, at);
    });
    drop(harness);
    first_frame_of_a_folder("/etc/ssl/certs");
    bundle_with_checks_waiting();
}

/// The time from opening a folder to the first frame whose inventory has rows, as
/// `certscope FOLDER` opens it (the window itself, its GPU surface, is not in a harness).
fn first_frame_of_a_folder(folder: &str) {
    if !std::path::Path::new(folder).is_dir() {
        println!("{folder}: not here, skipped");
        return;
    }
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    let start = Instant::now();
    harness.state_mut().open_paths(&ctx, vec![PathBuf::from(folder)]);
    let mut frames = 0;
    let mut slowest = Duration::ZERO;
    while harness.state().inventory.len() == 0 && start.elapsed() < Duration::from_secs(20) {
        let frame = Instant::now();
        harness.step();
        slowest = slowest.max(frame.elapsed());
        frames += 1;
    }
    println!(
        "{folder}: first frame with the table filling after {:.0} ms ({frames} frames, worst {:.2} ms), {} rows",
        start.elapsed().as_secs_f64() * 1000.0,
        slowest.as_secs_f64() * 1000.0,
        harness.state().inventory.len()
    );
}

/// The 10,000-certificate bench bundle loaded, then 50 revocation checks (one job each) against
/// a responder that answers after 5 s: every frame meanwhile, the answers landing included.
fn bundle_with_checks_waiting() {
    let bundle = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/bundle-10k.pem");
    if !bundle.is_file() {
        println!("{}: not made (python3 benches/gen-bundle.py), skipped", bundle.display());
        return;
    }
    // Accepts each request and answers after 5 s, with something that is not OCSP.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten().take(200) {
            std::thread::spawn(move || {
                use std::io::{Read as _, Write as _};
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                let _ = stream.read(&mut [0u8; 4096]);
                std::thread::sleep(Duration::from_secs(5));
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n0\x00");
            });
        }
    });
    let mut harness = harness();
    let here = format!("http://127.0.0.1:{port}");
    harness.state_mut().test_routes = Some(vec![
        ("http://ocsp.bench.certscope.test".into(), here.clone()),
        ("http://crl.bench.certscope.test".into(), here),
    ]);
    let ctx = harness.ctx.clone();
    let start = Instant::now();
    harness.state_mut().open_paths(&ctx, vec![bundle]);
    while harness.state().diagnosis.is_none() || !harness.state().loading.is_empty() {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
        assert!(start.elapsed() < Duration::from_secs(60), "the bundle loads");
    }
    println!("bundle, 10,000 certificates: loaded and judged in {:.2} s", start.elapsed().as_secs_f64());
    let targets: Vec<CertRef> = {
        let mut all: Vec<CertRef> = harness.state().checkable.iter().copied().collect();
        all.sort_by_key(|r| (r.input, r.index));
        all.into_iter().take(50).collect()
    };
    for target in &targets {
        harness.state_mut().start_check(&ctx, vec![*target]);
    }
    assert_eq!(harness.state().checks.len(), 50, "fifty checks waiting");
    let (mut times, mut cpu_times) = (Vec::new(), Vec::new());
    let waiting = Instant::now();
    while (!harness.state().checks.is_empty() || harness.state().diagnosis.is_none())
        && waiting.elapsed() < Duration::from_secs(30)
    {
        let (checks, judged) = (harness.state().checks.len(), harness.state().diagnosis.clone());
        let (frame, cpu_before) = (Instant::now(), thread_cpu());
        harness.step();
        let (took, cpu) = (frame.elapsed(), thread_cpu().saturating_sub(cpu_before));
        times.push(took);
        cpu_times.push(cpu);
        if cpu > Duration::from_millis(16) {
            let landed = if harness.state().diagnosis.as_ref().map(Arc::as_ptr) != judged.as_ref().map(Arc::as_ptr) {
                ", a diagnosis landed"
            } else {
                ""
            };
            let answered = checks - harness.state().checks.len();
            println!(
                "  a frame over budget: {:.1} ms of CPU, {:.1} ms wall ({answered} check(s) landed{landed})",
                cpu.as_secs_f64() * 1000.0,
                took.as_secs_f64() * 1000.0
            );
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    times.sort();
    cpu_times.sort();
    println!(
        "bundle, 10,000 certificates, 50 checks waiting 5 s then landing: worst frame {:.2} ms of CPU ({:.2} ms wall, the judging beside it shares 2 cores), median {:.2} ms over {} frames ({:.1} s)",
        cpu_times[cpu_times.len() - 1].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
        cpu_times[cpu_times.len() / 2].as_secs_f64() * 1000.0,
        times.len(),
        waiting.elapsed().as_secs_f64()
    );
}

/// The CPU time this thread has had (Linux's schedstat, in nanoseconds); zero elsewhere.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

#[test]
fn export_csv_saves_the_rows_the_table_shows() {
    let mut harness = inventory_of(&fixture("lints"));
    harness.state_mut().test_saves = Some(Vec::new());
    type_in(&mut harness, "Search:", "lint TSA");
    harness.run();
    let shown = harness.state().inventory.shown_rows();
    harness.get_by_label("Export CSV…").click();
    harness.run();
    let saves = harness.state().test_saves.clone().unwrap();
    assert_eq!(saves.len(), 1);
    let (name, bytes) = &saves[0];
    assert_eq!(name, "certscope-inventory.csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), certscope::inventory::COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), shown.len(), "the rows shown, not every row");
    for (record, row) in records.iter().zip(&shown) {
        assert_eq!(&record[7], row.sha256.as_str());
    }
}

#[test]
fn the_arrow_keys_walk_the_inventory_and_enter_opens_the_row() {
    let mut harness = inventory_of(&fixture("lints"));
    let rows = harness.state().inventory.shown_rows();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!harness.state().showing_inventory());
    assert_eq!(harness.state().selected, Some(Selection::Certificate(rows[1].occurrences[0])), "the second row");
}

#[test]
fn a_cross_signed_intermediate_is_drawn_beside_the_one_in_the_chain() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("cross/chain.pem"), fixture("cross/cross.pem")]);
    wait_for(&mut harness, "cross.certscope.test (leaf)");
    // The intermediate in the leaf's chain, and beside it the same subject and key under the other root.
    assert!(shows(&harness, "certscope Cross Intermediate CA (intermediate)"));
    assert!(
        harness
            .query_all_by_label_contains("certscope Cross Intermediate CA (cross-signed by certscope Cross Root")
            .count()
            == 1,
        "the other signature, once"
    );
    // A click on it selects that certificate.
    harness.get_by_label_contains("(cross-signed by certscope Cross Root").click();
    harness.run();
    let Some(Selection::Certificate(r)) = harness.state().selected else { panic!("a certificate") };
    let picked = &harness.state().inputs[r.input].input.certificates[r.index];
    assert_eq!(picked.subject.display_name(), "certscope Cross Intermediate CA");
}

#[test]
fn a_crl_field_clicked_selects_its_element_in_the_asn1_view() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("intermediate.crl")]);
    wait_for(&mut harness, "[CRL, stale]");
    harness.get_by_label("certscope Test Intermediate CA").click();
    wait_for(&mut harness, "Revocation list from");
    click_in_view(&mut harness, "ASN.1 view");
    harness.run_steps(12);
    click_in_view(&mut harness, "Next update");
    harness.run_steps(12);
    let node = harness.state().asn1.as_ref().expect("open").selected_node().unwrap().clone();
    assert!(matches!(node.tag.as_str(), "UTCTIME" | "GENERALIZEDTIME"), "{node:?}");
    // The field in the grid (the CRL's extensions list it by name too).
    harness.get_all_by_label("CRL number").next().unwrap().click();
    harness.run_steps(12);
    let node = harness.state().asn1.as_ref().unwrap().selected_node().unwrap().clone();
    assert_eq!((node.tag.as_str(), node.depth), ("SEQUENCE", 4), "the CRL number extension");
}

#[test]
fn a_keystore_opens_and_its_store_password_checks_its_integrity() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("keystores/store.jks")]);
    wait_for(&mut harness, "[JKS]");
    harness.get_by_label("store.jks").click();
    wait_for(&mut harness, "integrity not checked");
    harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Store password:").focus();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Store password:").type_text("changeit");
    harness.run();
    harness.get_by_label("Check integrity").click();
    let start = Instant::now();
    while harness.state().inputs[0].input.integrity.is_none() && start.elapsed() < Duration::from_secs(10) {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(harness.state().inputs[0].input.integrity, Some(true));
    harness.run();
    assert!(shows(&harness, "its integrity verified with the store password"), "the input shows what it says");
}

#[test]
fn a_signed_program_opens_on_its_signature_checklist_and_a_changed_one_says_so() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("signed/tampered.exe"), fixture("signed/root.pem")]);
    wait_for(&mut harness, "The signature on tampered.exe would be rejected");
    // The file's page is shown, not a certificate: the checklist, the timestamp, the signer.
    assert!(matches!(harness.state().selected, Some(super::Selection::Input(0))));
    assert!(shows(&harness, "NOT verified"));
    assert!(shows(&harness, "the file was changed after signing"));
    assert!(shows(&harness, "Timestamped"));
    assert!(shows(&harness, "The signer may sign code (key usage, extended key usage)"));
    // The same verdict the report gives.
    let headline = harness.state().diagnosis.as_ref().unwrap().verdict.headline.clone();
    assert!(headline.contains("changed after signing"), "{headline}");
}

#[test]
fn a_crl_of_200000_entries_scrolls_and_finds_a_serial() {
    let path = std::env::temp_dir().join(format!("certscope-ui-crl-{}.der", std::process::id()));
    std::fs::write(&path, crl_shaped(200_000)).unwrap();
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![path.clone()]);
    wait_for(&mut harness, "Shaped CA");
    harness.get_by_label("Shaped CA").click();
    wait_for(&mut harness, "200000 certificate(s)");
    // Only the rows on screen are drawn: the first is, the last is not.
    assert!(shows(&harness, "000001"));
    assert!(!shows(&harness, "030d40"), "row 200,000 is not drawn");
    // Found by serial, colons and a leading 0x allowed.
    harness.get_by_label("Find a serial:").focus();
    harness.run();
    harness.get_by_label("Find a serial:").type_text("0x00:03:0d:40");
    harness.run_steps(4);
    assert!(shows(&harness, "Listed: this serial is revoked."));
    assert!(shows(&harness, "030d40"));
    std::fs::remove_file(&path).ok();
}
