# A fixed number of processes fed by a queue: the jobs go on one Queue, followed by one None per process
# to tell it to stop; the answers come back on a second Queue.
import multiprocessing as mp
import os
from collections import Counter

# The tutorial counts the letters of text files (War and Peace); here, opening lines of books in the
# public domain, each repeated to the size of a small book.
LINES = [
    "Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.",
    "Happy families are all alike; every unhappy family is unhappy in its own way.",
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness.",
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
    "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, I thought I would sail about a little and see the watery part of the world.",
    "Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do.",
    "There was no possibility of taking a walk that day.",
    "You will rejoice to hear that no disaster has accompanied the commencement of an enterprise which you have regarded with such evil forebodings.",
    "Whether I shall turn out to be the hero of my own life, or whether that station will be held by anybody else, these pages must show.",
    "You don't know about me without you have read a book by the name of The Adventures of Tom Sawyer; but that ain't no matter.",
    "Squire Trelawney, Dr. Livesey, and the rest of these gentlemen having asked me to write down the whole particulars about Treasure Island.",
    "In my younger and more vulnerable years my father gave me some advice that I have been turning over in my mind ever since.",
]
REPEAT = 10000

def counting(queue, output):
    while True:
        job = queue.get()
        if job is None:
            break
        cnt = Counter(c for c in job.lower() if 'a' <= c <= 'z')
        output.put((os.getpid(), cnt))

if __name__ == '__main__':
    CPU = 4   # proclab-cli demo producer-consumer -p N
    jobs = [line * REPEAT for line in LINES]
    output = mp.Queue()   # answers
    queue = mp.Queue()    # jobs

    for job in jobs:
        queue.put(job)
    for i in range(CPU):
        queue.put(None)   # one per process

    processes = [mp.Process(target=counting, args=(queue, output)) for i in range(CPU)]
    for p in processes:
        p.start()

    # One answer per job, all of them before joining: a process does not exit while its queue's feeder
    # thread still holds answers nobody has read.
    results = [output.get() for job in jobs]
    for p in processes:
        p.join()

    handled = Counter(pid for pid, cnt in results)
    for p in processes:
        print(f'{p.name} (pid {p.pid}) counted the letters of {handled[p.pid]} of the {len(jobs)} texts')
    total = sum((cnt for pid, cnt in results), Counter())
    print(dict(sorted(total.items())))
