# joblib's Parallel runs the calls on a pool of worker processes: its default backend (loky) works like
# multiprocessing's Pool, and Parallel(n_jobs=2, backend='multiprocessing') uses a multiprocessing.Pool itself.
# delayed(f)(x) records the call f(x) without making it; Parallel sends the recorded calls to the workers, in
# batches, and returns the results in the order of the calls. Needs joblib (Debian: python3-joblib).
from joblib import Parallel, delayed
from joblib.externals.loky import get_reusable_executor


def f(x):
    return x * x


if __name__ == '__main__':
    print([f(x) for x in range(10)])
    print(Parallel(n_jobs=2)(delayed(f)(x) for x in range(10)))
    # joblib keeps its workers for the next Parallel call; idle, they leave by themselves after 5 minutes.
    # Stop them now, so that the program leaves no process behind.
    get_reusable_executor().shutdown(wait=True)
