# Results come out of a Queue in the order the processes finished. Each process also puts its position,
# so sorting by it restores the order of the `processes` list.
import multiprocessing as mp
import random
import string

def rand_string(length, pos, output):
    """ Generates a random string of numbers, lower- and uppercase chars. """
    rand_str = ''.join(random.choice(
                        string.ascii_lowercase
                        + string.ascii_uppercase
                        + string.digits)
                   for i in range(length))
    output.put((pos, rand_str))

if __name__ == '__main__':
    # Define an output queue
    output = mp.Queue()

    # Setup a list of processes that we want to run
    processes = [mp.Process(target=rand_string, args=(5, x, output)) for x in range(4)]

    # Run processes
    for p in processes:
        p.start()

    # Exit the completed processes (fine for small items: a process that still has data waiting in its
    # queue's feeder thread does not exit, so with large items get the results before joining)
    for p in processes:
        p.join()

    # Get process results from the output queue
    results = [output.get() for p in processes]
    print(results)

    results.sort()
    results = [r[1] for r in results]
    print(results)
