# imap is a lazy map: results come out in input order, each as soon as it (and those before it) is ready.
# imap_unordered hands them out in the order they finish.
import multiprocessing as mp


def f(x):
    return x * x


if __name__ == '__main__':
    with mp.Pool(5) as p:
        print(p.imap(f, [1, 2, 3]))  # an iterator, not a list

        for i in p.imap(f, [1, 2, 3]):
            print(i)

        for i in p.imap_unordered(f, [1, 2, 3]):  # the order may differ
            print(i)
