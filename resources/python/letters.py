# Map-reduce letter counting, as in the War and Peace exercise: one task per text file counts its letters
# into a Counter (map); the Counters are added up into one (reduce). Here the "books" are generated into a
# temporary folder so the program runs anywhere; point `folder` at real files (and pass encoding='cp1251'
# for the tutorial's files) to count those instead.
import os
import random
import tempfile
import time
from collections import Counter
from functools import reduce
from multiprocessing import Pool
from operator import add

RUSSIAN = set(chr(c) for c in range(ord('а'), ord('я') + 1))


def count_letters(file_name, encoding='utf-8'):
    with open(file_name, encoding=encoding) as file:
        return Counter(c for line in file for c in line.lower() if c in RUSSIAN or 'a' <= c <= 'z')


def make_corpus(folder, files, words_per_file):
    words = ['война', 'и', 'мир', 'князь', 'Андрей', 'Наташа', 'Москва', 'war', 'and', 'peace', 'prince', 'Pierre']
    rng = random.Random(1869)
    for i in range(files):
        with open(os.path.join(folder, f'book{i}.txt'), 'w', encoding='utf-8') as out:
            out.write(' '.join(rng.choice(words) for _ in range(words_per_file)))


if __name__ == '__main__':
    with tempfile.TemporaryDirectory() as folder:
        make_corpus(folder, files=8, words_per_file=20_000)
        files = sorted(os.path.join(folder, name) for name in os.listdir(folder))

        start = time.perf_counter()
        serial = reduce(add, map(count_letters, files))
        print(f'serial: {(time.perf_counter() - start) * 1e3:.1f} ms')

        with Pool(2) as pool:
            start = time.perf_counter()
            counts = reduce(add, pool.map(count_letters, files))  # map in the workers, reduce here
            print(f'Pool(2): {(time.perf_counter() - start) * 1e3:.1f} ms')
        assert counts == serial
        print(counts.most_common(5))
