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
    if items.len() <= min_chunk || threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let threads = threads.min(items.len().div_ceil(min_chunk));
    // Work is handed out in small blocks as workers ask for it, so one that drew the costly
    // items (P-384 signatures among RSA ones) does not leave the others idle at the end.
    let block = (items.len() / (threads * 16)).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    // The caller's cancel switch holds on the workers too (their connections close with it).
    let cancel = crate::net::Cancel::current();
    let work = || {
        let _entered = cancel.as_ref().map(crate::net::Cancel::enter);
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(block, std::sync::atomic::Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = (start + block).min(items.len());
            done.push((start, items[start..end].iter().map(&f).collect::<Vec<R>>()));
        }
    };
    let mut blocks: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().name("certscope worker".into()).spawn_scoped(scope, work).ok())
            .collect();
        let mut blocks = work();
        for handle in handles {
            // A worker that panicked loses the blocks it took: they are done again below.
            if let Ok(done) = handle.join() {
                blocks.extend(done);
            }
        }
        blocks
    });
    blocks.sort_unstable_by_key(|(start, _)| *start);
    let mut result = Vec::with_capacity(items.len());
    for (start, done) in blocks {
        // Anything a lost worker had taken, before this block: on this thread.
        result.extend(items[result.len()..start].iter().map(&f));
        result.extend(done);
    }
    result.extend(items[result.len()..].iter().map(&f));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_misses_nothing() {
        for len in [0, 1, 255, 256, 257, 1000, 10_007] {
            let items: Vec<usize> = (0..len).collect();
            assert_eq!(map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>(), "{len} items");
            assert_eq!(map_each(&items, |i| i + 1), items.iter().map(|i| i + 1).collect::<Vec<_>>());
            assert_eq!(map_chunked(&items, 1, 7, |i| i * 3), items.iter().map(|i| i * 3).collect::<Vec<_>>());
        }
    }

    #[test]
    fn uneven_work_is_shared() {
        // Costly items bunched at the start: with fixed halves one thread would do them all.
        let items: Vec<u64> = (0..4096).map(|i| if i < 512 { 20_000 } else { 1 }).collect();
        let threads = std::sync::Mutex::new(std::collections::HashSet::new());
        let sums = map_chunked(&items, 1, 4, |&n| {
            threads.lock().unwrap().insert(std::thread::current().id());
            (0..n).fold(0u64, |acc, x| acc.wrapping_add(x * x))
        });
        assert_eq!(sums.len(), items.len());
        assert_eq!(sums[0], (0..20_000u64).fold(0u64, |acc, x| acc.wrapping_add(x * x)));
        assert!(threads.lock().unwrap().len() > 1, "more than one thread took part");
    }
}
