//! Spreading independent work over the cores: parsing many certificates, checking many
//! signatures. Order is kept; a worker that cannot start or that panics has its share
//! done on the calling thread, so the result is always complete.

/// Below this many items one thread is faster than starting others.
const MIN_CHUNK: usize = 256;

/// `items.iter().map(f).collect()`, on up to all cores (8 at most), for cheap items.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_chunked(items, MIN_CHUNK, f)
}

/// The same for items that each cost real work (a whole file): spread even when few.
pub(crate) fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_chunked(items, 1, f)
}

fn map_chunked<T: Sync, R: Send>(items: &[T], min_chunk: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= min_chunk {
        return items.iter().map(&f).collect();
    }
    // Read once: on Linux it reads cgroup files, which costs more than parsing a certificate.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(8));
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
