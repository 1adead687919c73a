//! Spreading independent work over the cores: parsing many certificates, checking many
//! signatures. Order is kept; a worker that cannot start or that panics has its share
//! done on the calling thread, so the result is always complete.

/// Below this many items one thread is faster than starting others.
const MIN_CHUNK: usize = 256;

/// `items.iter().map(f).collect()`, on up to all cores (8 at most), for cheap items.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_chunked(items, MIN_CHUNK, cores(), f)
}

/// The same for items that each cost real work (a whole file): spread even when few.
pub(crate) fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_chunked(items, 1, cores(), f)
}

/// The same for items that mostly wait (a network request each): up to 32 at a time.
pub(crate) fn map_io<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_chunked(items, 1, 32, f)
}

/// Cores to use, at most 8. Read once: on Linux it reads cgroup files, which costs more than
/// parsing a certificate.
fn cores() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(8))
}

fn map_chunked<T: Sync, R: Send>(items: &[T], min_chunk: usize, threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= min_chunk {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads).max(min_chunk);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let handle = std::thread::Builder::new()
                    .name("certscope worker".into())
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<R>>());
                (part, handle)
            })
            .collect();
        let mut result = Vec::with_capacity(items.len());
        for (part, handle) in handles {
            match handle.map(|h| h.join()) {
                Ok(Ok(done)) => result.extend(done),
                _ => result.extend(part.iter().map(f)),
            }
        }
        result
    })
}
