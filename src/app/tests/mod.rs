//! UI tests: the real app in a kittest harness, found by label, clicked, asserted on.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use time::macros::datetime;

use super::*;

mod browse;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The app with no settings file and the tests' clock.
fn harness() -> Harness<'static, App> {
    let mut app = App::new(None, UtcOffset::UTC);
    app.clock = Some(datetime!(2026-06-01 0:00 UTC));
    // Mozilla's roots only: what a test sees does not depend on the machine's store.
    let _ = app.anchors.set(certscope::diagnose::Anchors::offline(&[], ""));
    Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
        |ui, app: &mut App| {
            app.poll(ui.ctx());
            app.ui(ui);
        },
        app,
    )
}

/// What the sample's leaf is judged: its chain ends at the sample's own (private) root.
const SAMPLE_VERDICT: &str = "clients accept it, but the chain ends at 'certscope Sample Root CA'";

fn shows(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Steps until `text` is on screen: jobs land on other threads, in real time.
fn wait_for(harness: &mut Harness<'_, App>, text: &str) {
    let start = Instant::now();
    while !shows(harness, text) {
        if start.elapsed() > Duration::from_secs(20) {
            let labels: Vec<String> = harness
                .query_all_by_label_contains("")
                .map(|n| format!("{n:?}").chars().take(120).collect::<String>())
                .collect();
            panic!("'{text}' never appeared; shown: {labels:?}");
        }
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.step();
}

/// Clicks a widget that may be below the fold: kittest clicks with the pointer, so scroll it
/// into view first (the scroll animates: let it settle).
fn click_in_view(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    // The scroll animates over several frames.
    harness.run_steps(15);
    harness.get_by_label(label).click();
}

/// Types into the text field labelled `label`.
fn type_in(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, label);
    field.focus();
    field.type_text(text);
    harness.step();
}

/// Types a host into the Host field and clicks Fetch.
fn fetch(harness: &mut Harness<'_, App>, host: &str) {
    type_in(harness, "Host:", host);
    harness.get_by_label("Fetch").click();
}

#[test]
fn welcome_screen_offers_every_way_in() {
    let mut harness = harness();
    harness.run();
    for label in ["Open files…", "Paste PEM", "Open sample chain", "Open"] {
        assert!(harness.query_all_by_label_contains(label).next().is_some(), "no '{label}' button");
    }
    assert!(shows(&harness, "Drop certificate files anywhere"));
}

#[test]
fn opening_the_sample_chain_shows_the_leaf_then_its_issuer_on_click() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    // The leaf is selected first: its verdict and fields are on the right.
    assert!(shows(&harness, "The TLS server certificate 'www.certscope.example': clients accept it"));
    assert!(!shows(&harness, "Chain complete"), "one verdict, no banners beside it");
    assert!(shows(&harness, "DNS:*.api.certscope.example"));
    assert!(shows(&harness, "TLS server, TLS client"));
    harness.get_all_by_label("certscope Sample TLS Issuing CA 1").next().unwrap().click();
    wait_for(&mut harness, "CA: yes, at most 0 intermediate CA(s) below");
    assert!(!shows(&harness, "DNS:*.api.certscope.example"), "still showing the leaf");
    // The certification path is drawn root to leaf, and each step opens on click.
    assert!(shows(&harness, "www.certscope.example (leaf)"));
    harness.get_by_label("certscope Sample Root CA (root)").click();
    wait_for(&mut harness, "Certificate signing");
    assert!(shows(&harness, "trusted only where 'certscope Sample Root CA' is installed"));
}

#[test]
fn a_file_that_is_not_a_certificate_shows_its_error_and_others_still_load() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("garbage.bin"), fixture("chain.pem")]);
    wait_for(&mut harness, "not a certificate, CSR, CRL, PKCS#7 or PKCS#12 file");
    wait_for(&mut harness, "p256.certscope.test");
    assert!(shows(&harness, "[error]"));
    // In the order opened, whichever finished first.
    let sources: Vec<&str> = harness.state().inputs.iter().map(|l| l.input.source.as_str()).collect();
    assert!(sources[0].ends_with("garbage.bin") && sources[1].ends_with("chain.pem"), "{sources:?}");
}

#[test]
fn a_bundle_with_bad_blocks_lists_what_failed_and_why() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("bundle-with-bad-blocks.pem")]);
    wait_for(&mut harness, "truncated DER at byte");
    assert!(shows(&harness, "invalid base64"));
    assert!(shows(&harness, "certscope Test Root CA"));
}

#[test]
fn a_pkcs12_file_asks_for_its_password_and_says_when_it_is_wrong() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("modern.p12")]);
    wait_for(&mut harness, "This PKCS#12 file is protected by a password");
    type_password(&mut harness, "wrong guess");
    click_in_view(&mut harness, "Unlock");
    wait_for(&mut harness, "Wrong password for this PKCS#12 file");
    type_password(&mut harness, "correct horse");
    // Enter in the password field unlocks, as the Unlock button does.
    harness.key_press(egui::Key::Enter);
    wait_for(&mut harness, "p256.certscope.test");
    let loaded = &harness.state().inputs[0].input;
    assert_eq!(loaded.error, None);
    assert_eq!(loaded.keys.len(), 1);
}

#[test]
fn the_password_field_takes_focus_once_not_from_everything_else() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("modern.p12")]);
    wait_for(&mut harness, "This PKCS#12 file is protected by a password");
    harness.run();
    let field =
        |h: &Harness<'_, App>| h.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Password:").is_focused();
    assert!(field(&harness), "the prompt is ready to type into");
    // Focus leaves (a click elsewhere): the field does not grab it back.
    ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    harness.run();
    assert!(!field(&harness), "the password field took the focus back");
}

fn type_password(harness: &mut Harness<'_, App>, password: &str) {
    let field = || harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Password:");
    field().focus();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Password:").type_text(password);
    harness.run();
}

#[test]
fn pasted_pem_text_loads() {
    let mut harness = harness();
    let pem = std::fs::read_to_string(fixture("expired.pem")).unwrap();
    harness.event(egui::Event::Paste(pem));
    wait_for(&mut harness, "would be rejected: 'expired.certscope.test' expired 17 months ago");
    assert!(shows(&harness, "[expired"), "the tree says why, in words");
    assert_eq!(harness.state().inputs[0].input.source, "pasted text");
}

#[test]
fn a_broken_chain_says_which_issuer_is_missing() {
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("missing-intermediate.pem")]);
    wait_for(&mut harness, "The issuer 'certscope Test Intermediate CA' of 'p256.certscope.test' is not loaded");
    assert!(shows(&harness, "[error]"), "the chain's mark");
    assert!(shows(&harness, "[issuer missing"), "the leaf's mark");
    // Its caIssuers URL is named, and the window offers to fetch it.
    assert!(shows(&harness, "Fetch missing intermediates (AIA)"));
    // The diagram draws the missing issuer as a box of its own, above the leaf's.
    assert!(shows(&harness, "certscope Test Intermediate CA (issuer not loaded)"));
    assert!(shows(&harness, "p256.certscope.test (leaf)"));
}

#[test]
fn ten_thousand_rows_are_drawn_without_building_them_all() {
    let mut harness = harness();
    let pem = std::fs::read_to_string(fixture("leaf-p256.pem")).unwrap();
    let input = certscope::load_bytes("many", pem.repeat(10_000).as_bytes(), &LoadOptions::default());
    assert_eq!(input.certificates.len(), 10_000);
    let app = harness.state_mut();
    app.push_input(Origin::Bytes(Arc::new(Vec::new())), input);
    app.rebuild_rows();
    let start = Instant::now();
    harness.run();
    // Virtualized: only the visible rows become widgets.
    let drawn = harness.query_all_by_label("p256.certscope.test").count();
    assert!(drawn < 100, "{drawn} rows drawn");
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn opened_files_are_remembered_and_offered_again() {
    let dir = std::env::temp_dir().join(format!("certscope-recent-{}", std::process::id()));
    let settings = dir.join("settings.json");
    let mut app = App::new(Some(settings.clone()), UtcOffset::UTC);
    app.clock = Some(datetime!(2026-06-01 0:00 UTC));
    let mut harness = Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
        |ui, app: &mut App| {
            app.poll(ui.ctx());
            app.ui(ui);
        },
        app,
    );
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("root.pem"), fixture("garbage.bin")]);
    wait_for(&mut harness, "certscope Test Root CA");
    // Saved on a thread: wait for the file, then a new app (a restart) offers it on its welcome screen.
    let start = Instant::now();
    while !std::fs::read_to_string(&settings).unwrap_or_default().contains("root.pem") {
        assert!(start.elapsed() < Duration::from_secs(10), "settings never written");
        std::thread::sleep(Duration::from_millis(10));
    }
    let restarted = App::new(Some(settings), UtcOffset::UTC);
    let mut harness = Harness::builder().build_ui_state(
        |ui, app: &mut App| {
            app.poll(ui.ctx());
            app.ui(ui);
        },
        restarted,
    );
    wait_for(&mut harness, "Recent files");
    assert!(shows(&harness, "root.pem"));
    let recent = &harness.state().settings.recent_files;
    assert_eq!(recent, &vec![fixture("root.pem")], "a file that failed is not remembered");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_dropped_folder_opens_every_file_inside() {
    let dir = std::env::temp_dir().join(format!("certscope-folder-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(fixture("root.pem"), dir.join("a-root.pem")).unwrap();
    std::fs::copy(fixture("intermediate.pem"), dir.join("sub/b-intermediate.pem")).unwrap();
    let mut harness = harness();
    harness.input_mut().dropped_files.push(Arc::new(TestDrop(dir.clone())));
    wait_for(&mut harness, "certscope Test Intermediate CA");
    let sources: Vec<String> = harness.state().inputs.iter().map(|l| l.input.source.clone()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources[0].ends_with("a-root.pem") && sources[1].ends_with("sub/b-intermediate.pem"), "{sources:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_being_opened_can_be_stopped_and_keeps_what_loaded() {
    let dir = std::env::temp_dir().join(format!("certscope-stop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let leaf = std::fs::read(fixture("leaf-p256.pem")).unwrap();
    let files = 6000;
    for n in 0..files {
        std::fs::write(dir.join(format!("{n:05}.pem")), &leaf).unwrap();
    }
    let mut harness = harness();
    harness.input_mut().dropped_files.push(Arc::new(TestDrop(dir.clone())));
    wait_for(&mut harness, &format!("of {files} files"));
    harness.get_by_label("Stop").click();
    let clicked = Instant::now();
    harness.step(); // the click's frame: the command runs after the drawing
    harness.step();
    let status = harness.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Stopped: Opening") && status.contains(&format!("of {files} files")), "{status}");
    assert!(harness.state().opening.is_empty() && harness.query_by_label("Stop").is_none(), "no opening left");
    let kept = harness.state().inputs.len();
    assert!(kept > 0 && kept < files, "{kept} of {files} loaded before the stop");
    // No file lands after the stop; the list still judges what it has.
    while clicked.elapsed() < Duration::from_secs(1) {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(harness.state().inputs.len(), kept, "files landed after the stop");
    assert_eq!(harness.state().settings.recent_files.first(), Some(&dir), "the folder is remembered");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file dropped on the window, as the integration hands it over.
#[derive(Debug)]
struct TestDrop(PathBuf);

impl egui::DroppedFile for TestDrop {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn copy_report_puts_the_text_report_on_the_clipboard() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    harness.get_by_label("Copy report").click();
    // The report is written on a thread; the frame in which it lands copies it.
    let start = Instant::now();
    let copied = loop {
        harness.step();
        let copied = harness.output().platform_output.commands.iter().find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        });
        if let Some(text) = copied {
            break text;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "nothing was copied");
        std::thread::sleep(Duration::from_millis(10));
    };
    // The Markdown report, for a ticket: the window's verdict and findings, then the details.
    assert!(copied.starts_with("# certscope report"), "{copied}");
    assert!(copied.contains("**Verdict: WARNING.**"), "{copied}");
    assert!(copied.contains("`trust.private_root`"), "{copied}");
    assert!(
        copied.contains("Chain 1 (complete): www.certscope.example <- certscope Sample TLS Issuing CA 1"),
        "{copied}"
    );
    assert!(copied.contains("Status        valid: expires in 8 years"), "the tests' clock: {copied}");
    harness.step();
    assert!(shows(&harness, "Copied the report"));
}

#[test]
fn arrow_keys_walk_the_tree_and_the_list_follows() {
    let mut harness = harness();
    let pem = std::fs::read_to_string(fixture("chain.pem")).unwrap();
    let many = certscope::load_bytes("many", pem.repeat(300).as_bytes(), &LoadOptions::default());
    let app = harness.state_mut();
    app.push_input(Origin::Bytes(Arc::new(Vec::new())), many);
    app.rebuild_rows();
    harness.run();
    assert!(harness.query_by_label("Files").is_some());
    assert_eq!(harness.state().selected, Some(Selection::Certificate(CertRef { input: 0, index: 0 })));
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selected, Some(Selection::Certificate(CertRef { input: 0, index: 1 })));
    for _ in 0..200 {
        harness.key_press(egui::Key::ArrowDown);
        harness.step();
    }
    harness.run();
    assert_eq!(harness.state().selected, Some(Selection::Certificate(CertRef { input: 0, index: 201 })));
    // Far below the first screen: the list scrolled to the selection, so its first row is gone.
    assert!(harness.query_by_label("Files").is_none(), "the list did not follow the selection");
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().selected, Some(Selection::Certificate(CertRef { input: 0, index: 200 })));
}

#[test]
fn files_opened_before_the_settings_are_read_are_merged_not_lost() {
    let dir = std::env::temp_dir().join(format!("certscope-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("settings.json");
    let old = PathBuf::from("/srv/old.pem");
    let mut before = Settings::default();
    before.remember(&old);
    before.save(&path).unwrap();

    let mut app = App::new(Some(path.clone()), UtcOffset::UTC);
    let ctx = egui::Context::default();
    // Hold the read back until a file has been opened.
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let reading = path.clone();
    app.settings_state = SettingsState::Reading(Job::spawn("read", &ctx, move |_| {
        let _ = wait.recv();
        Ok(Settings::load(&reading))
    }));
    app.settings.remember(&fixture("root.pem"));
    app.save_settings();
    assert_eq!(Settings::load(&path).recent_files, vec![old.clone()], "saved before the file was read");
    release.send(()).unwrap();
    let start = Instant::now();
    while Settings::load(&path).recent_files.len() < 2 {
        assert!(start.elapsed() < Duration::from_secs(10), "the merged settings were never saved");
        app.poll(&ctx);
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(Settings::load(&path).recent_files, vec![fixture("root.pem"), old]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_crl_file_beside_the_chain_shows_revoked_with_its_checklist() {
    let mut harness = harness();
    harness.state_mut().clock = Some(datetime!(2026-05-02 0:00 UTC));
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("chain.pem"), fixture("intermediate.crl")]);
    wait_for(
        &mut harness,
        "would be rejected by clients that check revocation: 'p256.certscope.test' was revoked on 2026-03-01T00:00:00Z (keyCompromise)",
    );
    assert!(shows(&harness, "[revoked"), "the tree marks it");
    assert!(!shows(&harness, "[valid"), "never valid beside revoked");
    assert!(shows(&harness, "CRL signature by the issuer's key"));
    assert!(shows(&harness, "Revoked"), "the badge");
    assert!(!shows(&harness, "Fail"), "every check passed before the CRL was believed");
}

#[test]
fn a_base_crl_and_its_delta_show_which_answered_and_both_checklists() {
    let mut harness = harness(); // 2026-06-01
    let ctx = harness.ctx.clone();
    let files = ["ocsp/ca.pem", "ocsp/good.pem", "ocsp/delta/base.crl", "ocsp/delta/delta.crl"];
    harness.state_mut().open_paths(&ctx, files.iter().map(|f| fixture(f)).collect());
    wait_for(&mut harness, "'good.ocsp.certscope.test' is on hold (suspended) since 2026-05-02T00:00:00Z");
    assert!(shows(&harness, "On hold"), "the badge says a hold, not a revocation");
    assert!(shows(&harness, "which lists the serial (base CRL number 5)"), "the Answered by row");
    assert!(shows(&harness, "Base CRL") && shows(&harness, "Delta CRL"), "both CRLs are steps");
    assert!(shows(&harness, "The delta builds on this base CRL"));
    assert!(shows(&harness, "The serial is on the delta CRL: revoked."));
    assert!(!shows(&harness, "Fail"));
}

#[test]
fn a_stale_crl_shows_unverified_never_good() {
    let mut harness = harness(); // 2026-06-01: the CRL's nextUpdate (2026-05-08) has passed
    let ctx = harness.ctx.clone();
    harness.state_mut().open_paths(&ctx, vec![fixture("chain.pem"), fixture("intermediate.crl")]);
    wait_for(&mut harness, "revocation could not be verified by the CRL file");
    assert!(shows(&harness, "nextUpdate is not in the past: stale"));
    assert!(shows(&harness, "Unverified"));
    assert!(!shows(&harness, "Good"));
    assert!(!shows(&harness, "REVOKED"), "a stale CRL is not believed either way");
}

#[test]
fn check_revocation_on_the_sample_against_the_built_in_responder() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    assert!(harness.state().sample_responder.is_some(), "the sample starts its responder");
    harness.get_by_label("Check whole chain").click();
    wait_for(&mut harness, "OCSP from http://pki.certscope.example/ocsp");
    // The leaf: good by OCSP and by CRL, each with its checklist, through 127.0.0.1.
    assert!(harness.query_all_by_label("Good").count() >= 2, "OCSP and CRL badges");
    assert!(shows(&harness, "Pass"));
    assert!(shows(&harness, "Response signature by the responder's key"));
    assert!(shows(&harness, "Nonce matches the request"));
    assert!(shows(&harness, "by certscope's built-in sample responder on 127.0.0.1:"));
    assert!(!shows(&harness, "Fail"), "every check passes for the sample");
    // The exchange, for learners.
    click_in_view(&mut harness, "The exchange: request and response");
    wait_for(&mut harness, "Issuer key hash");
    assert!(shows(&harness, "Request (") && shows(&harness, "bytes, DER)"));

    // The revoked leaf: its own check, from its own panel.
    harness.get_all_by_label("revoked.certscope.example").next().unwrap().click();
    harness.step();
    harness.step();
    click_in_view(&mut harness, "Check revocation");
    wait_for(&mut harness, "'revoked.certscope.example' was revoked on 2026-02-14T09:30:00Z (keyCompromise)");
    assert!(harness.query_all_by_label("Revoked").count() >= 2, "OCSP and CRL both say revoked");
    assert!(shows(&harness, "keyCompromise"));
    assert!(shows(&harness, "revoked"), "the tree marks it");
    // Closing the sample stops its responder.
    harness.get_by_label("Clear all").click();
    harness.step();
    assert!(harness.state().sample_responder.is_none());
}

#[test]
fn a_revocation_check_can_be_cancelled() {
    // A responder that never answers: the check spins until cancelled; the UI never waits.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut harness = harness();
    {
        let app = harness.state_mut();
        app.sample_responder = None;
    }
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    // Send the sample's requests to the silent listener instead of the built-in responder.
    harness.state_mut().sample_responder = None;
    harness.state_mut().settings.revocation.timeout_secs = 30;
    let routes = vec![(certscope::revocation::demo::SAMPLE_BASE.to_string(), url)];
    harness.state_mut().test_routes = Some(routes);
    harness.get_by_label("Check revocation").click();
    harness.step();
    let started = Instant::now();
    harness.step();
    assert!(shows(&harness, "Checking revocation of www.certscope.example"));
    harness.get_by_label("Cancel").click();
    wait_for(&mut harness, "Cancelled: Checking revocation of www.certscope.example");
    assert!(started.elapsed() < Duration::from_secs(5), "the UI did not wait on the network");
    assert!(harness.query_by_label("Cancel").is_none(), "no spinner left");
    assert!(harness.query_all_by_label("Check revocation").next().is_some(), "can be asked again");
    drop(listener);
}

/// `openssl s_server` on 127.0.0.1 with the test chain (leaf, intermediate, root), for one
/// handshake; killed when the guard drops, and by a 30 s timeout in any case.
struct TlsServer(std::process::Child, u16);

impl TlsServer {
    fn start() -> Self {
        Self::start_with("")
    }

    /// The same with more s_server arguments (`-Verify 1 -CAfile …`: it asks for a client certificate).
    fn start_with(extra: &str) -> Self {
        use std::io::BufRead as _;
        let dir = fixture("");
        let chain = std::env::temp_dir().join(format!("certscope-ui-chain-{}.pem", std::process::id()));
        let pem = [std::fs::read(dir.join("intermediate.pem")).unwrap(), std::fs::read(dir.join("root.pem")).unwrap()];
        std::fs::write(&chain, pem.concat()).unwrap();
        let command = format!(
            "exec timeout 30 openssl s_server -accept 127.0.0.1:0 -cert leaf-p256.pem -key leaf-p256.key \
             -cert_chain {} {extra} -naccept 1 -www 2>&1",
            chain.display()
        );
        let mut child = std::process::Command::new("sh")
            .args(["-c", &command])
            .current_dir(&dir)
            .stdout(std::process::Stdio::piped())
            .stdin(std::process::Stdio::null())
            .spawn()
            .expect("openssl");
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("s_server listens").unwrap();
            if let Some(rest) = line.strip_prefix("ACCEPT 127.0.0.1:") {
                break rest.trim().parse().unwrap();
            }
        };
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Self(child, port)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_host_typed_on_the_welcome_screen_shows_its_connection_and_verdict() {
    let server = TlsServer::start();
    let mut harness = harness();
    harness.run();
    fetch(&mut harness, &format!("127.0.0.1:{}", server.1));
    wait_for(&mut harness, "Connection");
    assert!(shows(&harness, "TLSv1.3"));
    assert!(shows(&harness, "Certificates sent"));
    // Mozilla's roots (the default) do not trust the test PKI: the verdict says where the chain ends.
    // No store here trusts the test PKI, and the root was sent, not chosen: untrusted.
    assert!(shows(
        &harness,
        "This server's certificate would be rejected: the chain ends at 'certscope Test Root CA', which is not in any trust store here"
    ));
    assert!(shows(&harness, "Validation: as a client would judge it"));
    assert!(shows(&harness, "No root sent"), "the sent root is noted");
    assert!(shows(&harness, "127.0.0.1:"), "the host is an input in the tree");
    let host = format!("127.0.0.1:{}", server.1);
    assert_eq!(harness.state().settings.recent_hosts, vec![host.clone()]);
    // The toolbar's Recent menu offers it again.
    let before = harness.query_all_by_label(&host).count();
    harness.get_by_label("Recent").click();
    harness.run();
    assert_eq!(harness.query_all_by_label(&host).count(), before + 1, "the host is in the Recent menu");
}

#[test]
fn the_verdict_panel_judges_for_the_name_purpose_and_strictness_asked() {
    let mut harness = harness();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    type_in(&mut harness, "Server name:", "api.certscope.example");
    harness.key_press(egui::Key::Enter);
    // *.api.certscope.example covers one more label, not api.certscope.example itself.
    wait_for(&mut harness, "would be rejected: the certificate is not valid for 'api.certscope.example'");
    assert!(shows(&harness, "[wrong name"), "the tree marks it");
    // A name the wildcard covers: judged again at once, nothing stale.
    harness.state_mut().form.name = "v1.api.certscope.example".into();
    let ctx = harness.ctx.clone();
    harness.state_mut().run(&ctx, Command::Rediagnose);
    wait_for(&mut harness, SAMPLE_VERDICT);
    assert!(!shows(&harness, "The TLS server certificate 'www.certscope.example' would be rejected"));
    // The other leaf of the sample is not valid for that name: said of everything loaded.
    assert!(shows(&harness, "Everything loaded:"));
    // Strict: the rules its CA broke (a 9-year leaf) count.
    click_in_view(&mut harness, "Strict");
    wait_for(
        &mut harness,
        "The TLS server certificate 'www.certscope.example' breaks the rules its CA must follow: 'www.certscope.example'",
    );
    // As a code-signing certificate, the sample's TLS leaf is the wrong purpose.
    harness.state_mut().form.strict = false;
    harness.state_mut().form.purpose = Some(certscope::diagnose::Purpose::CodeSigning);
    harness.state_mut().run(&ctx, Command::Rediagnose);
    wait_for(&mut harness, "cannot be used for code signing");
}

#[test]
fn a_host_that_never_answers_can_be_cancelled() {
    // Accepts, then says nothing: the fetch waits for its timeout, the window does not.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut harness = harness();
    harness.run();
    fetch(&mut harness, &silent.local_addr().unwrap().to_string());
    let started = Instant::now();
    wait_for(&mut harness, "Cancel");
    harness.get_by_label("Cancel").click();
    wait_for(&mut harness, "Cancelled: Fetching 127.0.0.1:");
    assert!(started.elapsed() < Duration::from_secs(5), "the UI never waited on the network");
    assert!(harness.state().host_job.is_none());
    assert!(harness.query_by_label("Fetch").is_some(), "can be asked again");
    drop(silent);
}

#[test]
fn host_options_send_another_sni_name_and_judge_against_a_ca_file() {
    let server = TlsServer::start();
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Host options").click();
    harness.run();
    harness.get_by_label("Roots from a file (a private PKI)").click();
    harness.run();
    let root = fixture("root.pem").display().to_string();
    type_in(&mut harness, "CA file", &root);
    type_in(&mut harness, "SNI name", "p256.certscope.test");
    let host = &harness.state().settings.host;
    assert_eq!((host.sni.as_str(), host.ca_file.as_str()), ("p256.certscope.test", root.as_str()));
    assert_eq!(host.roots, certscope::settings::HostRoots::CaFile);
    // The welcome screen says what the options change.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(shows(&harness, "Host options: SNI 'p256.certscope.test', roots from"));

    fetch(&mut harness, &format!("127.0.0.1:{}", server.1));
    wait_for(&mut harness, "Connection");
    // The client sent p256.certscope.test, so the leaf is judged for it, against the file's root.
    // The roots of the CA file trust it; only the rules its CA broke remain (a .test name, a short serial).
    wait_for(&mut harness, "This server's certificate: clients accept it, but");
    assert!(shows(
        &harness,
        &format!("Judged for 'p256.certscope.test' against the roots in {root}, by browsers' rules")
    ));
    assert!(!shows(&harness, "Chain complete"), "no second verdict beside the client's");
    // The checks that passed are folded under one line; unfolded, they are all there.
    assert!(!shows(&harness, "Key identifiers as RFC 5280 requires"));
    harness.query_all_by_label_contains("checks passed").next().unwrap().scroll_to_me();
    harness.run();
    harness.query_all_by_label_contains("checks passed").next().unwrap().click();
    wait_for(&mut harness, "Key identifiers as RFC 5280 requires");
}

#[test]
fn a_client_certificate_from_host_options_is_presented_and_its_acceptance_shown() {
    // A PKCS#12 client identity, issued at test time by the OCSP test CA, which the server names.
    let dir = std::env::temp_dir().join(format!("certscope-ui-client-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (csr, cert, p12) = (dir.join("c.csr"), dir.join("c.pem"), dir.join("c.p12"));
    let run = |args: &[&str]| {
        let done = std::process::Command::new("openssl").args(args).current_dir(fixture("")).output().unwrap();
        assert!(done.status.success(), "openssl {args:?}");
    };
    run(&["req", "-new", "-key", "ocsp/leaf.key", "-subj", "/CN=carol", "-out", csr.to_str().unwrap()]);
    let (csr, cert_path) = (csr.to_str().unwrap(), cert.to_str().unwrap());
    run(&[
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        "ocsp/ca.pem",
        "-CAkey",
        "ocsp/ca.key",
        "-set_serial",
        "78",
        "-out",
        cert_path,
    ]);
    let p12_path = p12.to_str().unwrap();
    run(&["pkcs12", "-export", "-in", cert_path, "-inkey", "ocsp/leaf.key", "-passout", "pass:pw", "-out", p12_path]);

    let server = TlsServer::start_with("-Verify 1 -verify_return_error -CAfile ocsp/ca.pem");
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Host options").click();
    harness.run();
    type_in(&mut harness, "Certificate", p12_path);
    let password = harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Password");
    password.focus();
    password.type_text("pw");
    harness.step();
    let host = &harness.state().settings.host;
    assert_eq!((host.client_cert.as_str(), host.client_password.as_str()), (p12_path, "pw"));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(shows(&harness, &format!("client certificate {p12_path}")), "the options say it");
    fetch(&mut harness, &format!("127.0.0.1:{}", server.1));
    wait_for(&mut harness, "asked; the certificate presented was accepted");
    assert!(shows(&harness, "C=DE, O=certscope Test PKI, CN=certscope OCSP Test CA"), "the CA the server names");
    // The password is the session's only: never written to the settings file.
    let saved = serde_json::to_string(&harness.state().settings).unwrap();
    assert!(!saved.contains("\"pw\""), "{saved}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_without_its_intermediate_is_judged_with_the_one_its_aia_names() {
    // The sample's leaf and root, without the issuing CA; its caIssuers URL is answered by the
    // sample's responder, started here.
    let sample =
        certscope::load_bytes("sample", certscope::revocation::demo::SAMPLE_CHAIN.as_bytes(), &Default::default());
    let pick = |name: &str| sample.certificates.iter().find(|c| c.display_name() == name).unwrap().to_pem();
    let path = std::env::temp_dir().join(format!("certscope-ui-no-intermediate-{}.pem", std::process::id()));
    std::fs::write(&path, pick("www.certscope.example") + &pick("certscope Sample Root CA")).unwrap();
    let responder = certscope::revocation::demo::SampleResponder::start(None).unwrap();
    let mut harness = harness();
    harness.state_mut().test_routes = Some(responder.routes());
    harness.run();
    type_in(&mut harness, "Path:", &path.display().to_string());
    harness.get_by_label("Open").click();
    wait_for(&mut harness, "it is published at http://pki.certscope.example/intermediate.der (its caIssuers URL)");
    click_in_view(&mut harness, "Fetch missing intermediates (AIA)");
    wait_for(
        &mut harness,
        "The chain given lacks the intermediate 'certscope Sample TLS Issuing CA 1'; certscope fetched it from http://pki.certscope.example/intermediate.der",
    );
    assert!(shows(&harness, "[not sent"), "the fetched intermediate is marked in the tree");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn an_unreadable_ca_file_is_said_before_any_connection() {
    // A port nothing answers on: were a connection tried, it would wait; the CA file fails first.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut harness = harness();
    harness.state_mut().settings.host.roots = certscope::settings::HostRoots::CaFile;
    harness.state_mut().settings.host.ca_file = "/nonexistent/roots.pem".into();
    harness.run();
    fetch(&mut harness, &silent.local_addr().unwrap().to_string());
    wait_for(&mut harness, "Not fetched: the CA file of Host options, /nonexistent/roots.pem");
    assert!(harness.state().host_job.is_none());
    assert!(harness.state().inputs.is_empty());
}

/// A help-desk case in the window: its name, the files opened, the clock (None: the tests'),
/// and what must be shown.
type WindowCase<'a> = (&'a str, Vec<PathBuf>, Option<OffsetDateTime>, Vec<&'a str>);

/// Help-desk cases in the window: what is opened, and what the Verdict panel must say.
#[test]
fn help_desk_cases_in_the_verdict_panel() {
    let lints = |name: &str| fixture(&format!("lints/{name}"));
    let cases: Vec<WindowCase<'_>> = vec![
        (
            "split files: leaf, intermediate and root from three files make one chain",
            vec![fixture("leaf-p256.pem"), fixture("intermediate.pem"), fixture("root.pem")],
            None,
            vec!["The TLS server certificate 'p256.certscope.test': clients accept it"],
        ),
        (
            "expiring soon",
            vec![lints("tls.good.pem"), lints("ca.pem")],
            Some(datetime!(2026-07-20 0:00 UTC)),
            vec!["'www.certscope.org' expires in 9 days", "[expires in 9 days"],
        ),
        (
            "SHA-1",
            vec![lints("lint.cabf_br.sha1_signature.bad.pem"), lints("ca.pem")],
            None,
            vec!["would be rejected: 'www.certscope.org' is signed with ecdsa-with-SHA1"],
        ),
        (
            "RSA-1024",
            vec![lints("lint.cabf_br.rsa_key_size.bad.pem"), lints("ca.pem")],
            None,
            vec!["has an RSA key of 1024 bits", "[weak key"],
        ),
        (
            "code signing, judged as one",
            vec![lints("codesign.good.pem"), lints("ca.pem")],
            None,
            vec!["The code-signing certificate 'certscope Lint Publisher'"],
        ),
        (
            "S/MIME, judged as one",
            vec![lints("smime.good.pem"), lints("ca.pem")],
            None,
            vec!["The S/MIME certificate 'alice@certscope.org'"],
        ),
    ];
    for (name, files, clock, expected) in cases {
        let mut harness = harness();
        if clock.is_some() {
            harness.state_mut().clock = clock;
        }
        let ctx = harness.ctx.clone();
        harness.state_mut().open_paths(&ctx, files);
        for text in expected {
            wait_for(&mut harness, text);
            assert!(shows(&harness, text), "{name}: '{text}'");
        }
    }
}

#[test]
fn the_verdict_panels_choices_are_kept_for_the_next_run() {
    let dir = std::env::temp_dir().join(format!("certscope-verdict-settings-{}", std::process::id()));
    let settings = dir.join("settings.json");
    let build = |app: App| {
        Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
            |ui, app: &mut App| {
                app.poll(ui.ctx());
                app.ui(ui);
            },
            app,
        )
    };
    let mut app = App::new(Some(settings.clone()), UtcOffset::UTC);
    app.clock = Some(datetime!(2026-06-01 0:00 UTC));
    let _ = app.anchors.set(certscope::diagnose::Anchors::offline(&[], ""));
    let mut harness = build(app);
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, SAMPLE_VERDICT);
    click_in_view(&mut harness, "Strict");
    wait_for(&mut harness, "breaks the rules its CA must follow");
    let start = Instant::now();
    while !std::fs::read_to_string(&settings).unwrap_or_default().contains("\"strict\": true") {
        assert!(start.elapsed() < Duration::from_secs(10), "settings never written");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    // A restart judges strictly from the first judgement on.
    let mut restarted = App::new(Some(settings), UtcOffset::UTC);
    restarted.clock = Some(datetime!(2026-06-01 0:00 UTC));
    let _ = restarted.anchors.set(certscope::diagnose::Anchors::offline(&[], ""));
    let mut harness = build(restarted);
    harness.run();
    harness.get_by_label("Open sample chain").click();
    wait_for(&mut harness, "breaks the rules its CA must follow");
    assert!(harness.state().form.strict);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Idle, the window asks for no repaint: nothing runs, nothing animates, and a relative time
/// ("expires in 7 months") is redrawn only when its words would change, not sooner than 5 s.
#[test]
fn an_idle_window_asks_for_no_repaint() {
    let mut harness = harness();
    let pem = std::fs::read(fixture("chain.pem")).unwrap();
    harness.event(egui::Event::Paste(String::from_utf8(pem).unwrap()));
    let start = Instant::now();
    while harness.state().diagnosis.is_none() || !harness.state().loading.is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20), "the chain is judged");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    // Whatever the last job's landing asked for is done in a few frames.
    harness.run_steps(5);
    for _ in 0..3 {
        harness.step();
        let delay = harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        assert!(delay >= Duration::from_secs(5), "a repaint was asked for in {delay:?}");
    }
}
