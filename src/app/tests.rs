//! UI tests: the real app in a kittest harness, found by label, clicked, asserted on.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use time::macros::datetime;

use super::*;

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
        use std::io::BufRead as _;
        let dir = fixture("");
        let chain = std::env::temp_dir().join(format!("certscope-ui-chain-{}.pem", std::process::id()));
        let pem = [std::fs::read(dir.join("intermediate.pem")).unwrap(), std::fs::read(dir.join("root.pem")).unwrap()];
        std::fs::write(&chain, pem.concat()).unwrap();
        let command = format!(
            "exec timeout 30 openssl s_server -accept 127.0.0.1:0 -cert leaf-p256.pem -key leaf-p256.key \
             -cert_chain {} -naccept 1 -www 2>&1",
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

/// A DER object shaped like a CRL of `entries` revoked serials (the ASN.1 view reads shape, not
/// signatures): SEQUENCE { SEQUENCE { ..., SEQUENCE OF { SEQUENCE { INTEGER, UTCTime } } }, ... }.
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
