//! Small HTTP servers on 127.0.0.1 for tests: canned answers, faults, and a forward proxy.
//! Each stops by itself after its requests or its lifetime, whichever comes first.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answers.
pub enum Reply {
    /// A status, a Content-Type and a body.
    Body { status: u16, content_type: &'static str, body: Vec<u8> },
    /// Accept, then say nothing for this long.
    Stall(Duration),
    /// These bytes as they are (a head with any headers, a body that disagrees with it), then close.
    Raw(Vec<u8>),
    /// A 200 head declaring `length` bytes, then one byte every `every` (a server that drips).
    Drip { length: usize, every: Duration },
    /// A 200 head with no length, then a body that never ends (until the client leaves, or 20 s).
    Endless,
    /// These bytes (a head and part of its body), then a TCP reset instead of a close.
    Reset(Vec<u8>),
}

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The request lines it saw (`GET http://host/path HTTP/1.1`), CONNECTs included.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves up to `max_requests` connections for at most 30 s; `route` picks the answer by target.
    pub fn start(max_requests: usize, route: impl Fn(&str) -> Reply + Send + 'static) -> Self {
        Self::answering(max_requests, move |target, _| route(target))
    }

    /// The same, with the request body (a POSTed OCSP request) given to `route` too.
    pub fn answering(max_requests: usize, route: impl Fn(&str, &[u8]) -> Reply + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::Builder::new()
            .name("test http server".into())
            .spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(30);
                let mut served = 0;
                while served < max_requests && Instant::now() < deadline {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            served += 1;
                            let _ = serve(stream, &route, &seen);
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
            .unwrap();
        Self { addr, requests }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// The request line and the Content-Length, from the head.
fn read_head(stream: &mut TcpStream) -> std::io::Result<(String, usize)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if stream.read(&mut byte)? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0);
    Ok((head.lines().next().unwrap_or_default().to_string(), length))
}

fn serve(
    mut stream: TcpStream,
    route: &impl Fn(&str, &[u8]) -> Reply,
    seen: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let (mut line, mut length) = read_head(&mut stream)?;
    seen.lock().unwrap().push(line.clone());
    // A proxy client may tunnel: accept the CONNECT, then read the real request inside it.
    if line.starts_with("CONNECT ") {
        stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
        (line, length) = read_head(&mut stream)?;
        seen.lock().unwrap().push(line.clone());
    }
    let mut body = vec![0; length.min(1024 * 1024)];
    stream.read_exact(&mut body)?;
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    match route(&target, &body) {
        Reply::Stall(time) => std::thread::sleep(time),
        Reply::Raw(bytes) => stream.write_all(&bytes)?,
        Reply::Drip { length, every } => {
            let head =
                format!("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {length}\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            for _ in 0..length {
                stream.write_all(&[0x30])?;
                std::thread::sleep(every);
            }
        }
        Reply::Endless => {
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nConnection: close\r\n\r\n")?;
            let chunk = vec![0x30u8; 64 * 1024];
            let until = Instant::now() + Duration::from_secs(20);
            while Instant::now() < until {
                stream.write_all(&chunk)?;
            }
        }
        Reply::Reset(bytes) => {
            stream.write_all(&bytes)?;
            stream.flush()?;
            // Let the client read what was sent, then reset: linger on, for 0 s, makes the
            // close an RST (std has no stable set_linger).
            std::thread::sleep(Duration::from_millis(200));
            reset(&stream);
        }
        Reply::Body { status, content_type, body } => {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
        }
    }
    Ok(())
}

/// Sets SO_LINGER to {on, 0 s}, so the socket's close sends an RST.
fn reset(stream: &TcpStream) {
    use std::os::fd::AsRawFd as _;
    let linger = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: a valid socket descriptor, and a pointer to a `linger` of the size given.
    let done = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            std::ptr::from_ref(&linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    assert_eq!(done, 0, "setsockopt SO_LINGER");
}
