//! The one way the library runs work in parallel: rayon's global pool
//! (as many threads as cores), with one policy for a worker that panics.
//! rayon hands a worker's panic back to the thread that started the work;
//! [`run`] turns it into an error that names the stage, so a caller never
//! hangs and never takes a half-made result for a whole one.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// A stage whose worker failed; what it was making is dropped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{stage} failed on a worker thread (a bug: please report it with the file)")]
pub struct WorkerFailed {
    pub stage: &'static str,
}

/// Runs `work`, which may use rayon's parallel iterators and `join`, and
/// returns its result, or [`WorkerFailed`] naming `stage` if any of its
/// workers panicked.
pub fn run<T>(stage: &'static str, work: impl FnOnce() -> T) -> Result<T, WorkerFailed> {
    // Nothing `work` touched is looked at again after a panic: its result
    // is dropped whole, so unwind safety holds.
    catch_unwind(AssertUnwindSafe(work)).map_err(|_| WorkerFailed { stage })
}

/// How many threads the pool runs work on.
pub fn threads() -> usize {
    rayon::current_num_threads()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn a_worker_that_panics_is_an_error_naming_the_stage() {
        let result = run("counting", || {
            (0..1000)
                .into_par_iter()
                .map(|n| if n == 777 { panic!("worker bug") } else { n })
                .sum::<usize>()
        });
        assert_eq!(result, Err(WorkerFailed { stage: "counting" }));
        let fine = run("counting", || (0..1000).into_par_iter().sum::<usize>());
        assert_eq!(fine, Ok(499_500));
    }
}
