<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>Processes and their ids</source>
        <translation>Процессы и их идентификаторы</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;process&lt;/b&gt; is a running program with its own memory. The operating system gives each one a number, its &lt;b&gt;pid&lt;/b&gt;, and remembers which process started it, its parent (the &lt;b&gt;ppid&lt;/b&gt;).&lt;/p&gt;&lt;p&gt;In Python, &lt;code&gt;Process(target=f, args=(&apos;bob&apos;,))&lt;/code&gt; describes a child; &lt;code&gt;start()&lt;/code&gt; makes it exist and run &lt;code&gt;f(&apos;bob&apos;)&lt;/code&gt;; &lt;code&gt;join()&lt;/code&gt; waits for it to end. The child has a pid of its own, and its parent is the main program.&lt;/p&gt;&lt;p&gt;With the &lt;i&gt;spawn&lt;/i&gt; start method the child is a fresh interpreter that imports your file again. That is why the code that creates processes must sit under &lt;code&gt;if __name__ == &apos;__main__&apos;:&lt;/code&gt;, or every child would start children of its own.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Процесс&lt;/b&gt; — это выполняющаяся программа со своей собственной памятью. Операционная система даёт каждому процессу номер, его &lt;b&gt;pid&lt;/b&gt;, и запоминает, какой процесс его запустил, — его родителя (&lt;b&gt;ppid&lt;/b&gt;).&lt;/p&gt;&lt;p&gt;В Python &lt;code&gt;Process(target=f, args=(&apos;bob&apos;,))&lt;/code&gt; описывает дочерний процесс; &lt;code&gt;start()&lt;/code&gt; создаёт его и запускает в нём &lt;code&gt;f(&apos;bob&apos;)&lt;/code&gt;; &lt;code&gt;join()&lt;/code&gt; ждёт его завершения. У дочернего процесса свой pid, а его родитель — главная программа.&lt;/p&gt;&lt;p&gt;При способе запуска &lt;i&gt;spawn&lt;/i&gt; дочерний процесс — это новый интерпретатор, который заново импортирует ваш файл. Поэтому код, создающий процессы, должен стоять под &lt;code&gt;if __name__ == &apos;__main__&apos;:&lt;/code&gt;, иначе каждый дочерний процесс начал бы запускать своих детей.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The main line and the function f print different process ids.</source>
        <translation>Главная программа и функция f печатают разные идентификаторы процессов.</translation>
    </message>
    <message>
        <source>The child&apos;s parent process id is the main line&apos;s own process id.</source>
        <translation>Идентификатор родителя дочернего процесса совпадает с pid главной программы.</translation>
    </message>
    <message>
        <source>Run it again: the child gets a new pid every time, the main process keeps its own.</source>
        <translation>Запустите ещё раз: дочерний процесс каждый раз получает новый pid, а главный сохраняет свой.</translation>
    </message>
    <message>
        <source>Why must the code that starts processes sit under if __name__ == &apos;__main__&apos;?</source>
        <translation>Почему код, запускающий процессы, должен стоять под if __name__ == &apos;__main__&apos;?</translation>
    </message>
    <message>
        <source>It makes the program run faster.</source>
        <translation>Так программа работает быстрее.</translation>
    </message>
    <message>
        <source>A spawned child imports the main file again and must not start processes of its own.</source>
        <translation>Дочерний процесс, запущенный через spawn, заново импортирует главный файл и не должен запускать своих процессов.</translation>
    </message>
    <message>
        <source>Otherwise the child cannot print.</source>
        <translation>Иначе дочерний процесс не сможет печатать.</translation>
    </message>
    <message>
        <source>The operating system refuses to give a pid otherwise.</source>
        <translation>Иначе операционная система не выдаст pid.</translation>
    </message>
    <message>
        <source>A spawned child starts a new interpreter and imports your file to find the target function. Everything at the top level runs again in the child; under the __main__ guard, only the real main program creates processes.</source>
        <translation>Дочерний процесс, запущенный через spawn, стартует новый интерпретатор и импортирует ваш файл, чтобы найти целевую функцию. Всё, что написано на верхнем уровне, выполняется в нём заново; под защитой __main__ процессы создаёт только настоящая главная программа.</translation>
    </message>
    <message>
        <source>Pool.map and friends</source>
        <translation>Pool.map и родственные методы</translation>
    </message>
    <message>
        <source>&lt;p&gt;Starting one process per task is wasteful. A &lt;b&gt;Pool&lt;/b&gt; starts a few worker processes once and hands them tasks: &lt;code&gt;Pool(4).map(f, range(8))&lt;/code&gt; applies &lt;code&gt;f&lt;/code&gt; to every input, spread over 4 workers, and returns the results &lt;b&gt;in the order of the inputs&lt;/b&gt;, whichever worker finished first.&lt;/p&gt;&lt;p&gt;Its friends: &lt;code&gt;starmap&lt;/code&gt; for functions of several arguments, &lt;code&gt;apply&lt;/code&gt; for one call, &lt;code&gt;apply_async&lt;/code&gt; and &lt;code&gt;map_async&lt;/code&gt; return at once with a result to &lt;code&gt;get()&lt;/code&gt; later, &lt;code&gt;imap&lt;/code&gt; and &lt;code&gt;imap_unordered&lt;/code&gt; hand results back one by one as they come.&lt;/p&gt;&lt;p&gt;The function and its inputs travel to the workers, and the results travel back: they must be picklable, and the trip has a price.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Запускать по процессу на каждую задачу расточительно. &lt;b&gt;Pool&lt;/b&gt; один раз запускает несколько рабочих процессов и раздаёт им задачи: &lt;code&gt;Pool(4).map(f, range(8))&lt;/code&gt; применяет &lt;code&gt;f&lt;/code&gt; к каждому входному значению, распределяя работу по 4 процессам, и возвращает результаты &lt;b&gt;в порядке входных данных&lt;/b&gt;, какой бы процесс ни закончил первым.&lt;/p&gt;&lt;p&gt;Родственные методы: &lt;code&gt;starmap&lt;/code&gt; — для функций нескольких аргументов, &lt;code&gt;apply&lt;/code&gt; — для одного вызова; &lt;code&gt;apply_async&lt;/code&gt; и &lt;code&gt;map_async&lt;/code&gt; возвращают управление сразу, а результат можно забрать позже через &lt;code&gt;get()&lt;/code&gt;; &lt;code&gt;imap&lt;/code&gt; и &lt;code&gt;imap_unordered&lt;/code&gt; отдают результаты по одному, по мере готовности.&lt;/p&gt;&lt;p&gt;Функция и её аргументы отправляются в рабочие процессы, а результаты идут обратно: они должны сериализоваться через pickle, и у этой пересылки есть цена.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>map returns [1, 2, 5, 10, 17, 26, 37, 50]: the order of the inputs.</source>
        <translation>map возвращает [1, 2, 5, 10, 17, 26, 37, 50] — в порядке входных данных.</translation>
    </message>
    <message>
        <source>imap_unordered hands results back as they finish: the order can change from run to run.</source>
        <translation>imap_unordered отдаёт результаты по мере готовности: порядок может меняться от запуска к запуску.</translation>
    </message>
    <message>
        <source>The pool&apos;s workers are real processes: their pids appear in the log.</source>
        <translation>Рабочие процессы пула — настоящие процессы: их pid видны в журнале.</translation>
    </message>
    <message>
        <source>Four workers compute Pool.map(f, range(8)). In what order does the list come back?</source>
        <translation>Четыре процесса вычисляют Pool.map(f, range(8)). В каком порядке вернётся список?</translation>
    </message>
    <message>
        <source>In the order the workers finished.</source>
        <translation>В том порядке, в каком процессы закончили работу.</translation>
    </message>
    <message>
        <source>In the order of the inputs, whoever finished first.</source>
        <translation>В порядке входных данных, кто бы ни закончил первым.</translation>
    </message>
    <message>
        <source>Sorted by value.</source>
        <translation>Отсортированным по значению.</translation>
    </message>
    <message>
        <source>Grouped by worker.</source>
        <translation>Сгруппированным по процессам.</translation>
    </message>
    <message>
        <source>map waits for all the results and puts each one in the place of its input. Only imap_unordered gives you results in the order they finish.</source>
        <translation>map ждёт все результаты и ставит каждый на место его входного значения. Только imap_unordered выдаёт результаты в порядке их готовности.</translation>
    </message>
    <message>
        <source>Chunksize: why small tasks get slower in parallel</source>
        <translation>Chunksize: почему мелкие задачи при распараллеливании работают медленнее</translation>
    </message>
    <message>
        <source>Why does chunksize=1 make many tiny tasks slow?</source>
        <translation>Почему chunksize=1 замедляет множество крошечных задач?</translation>
    </message>
    <message>
        <source>Each task pays for pickling and a round trip through a pipe, which costs more than the task.</source>
        <translation>Каждая задача платит за сериализацию и пересылку туда и обратно по каналу, а это дороже самой задачи.</translation>
    </message>
    <message>
        <source>Workers can run only one chunk in their whole life.</source>
        <translation>Рабочий процесс может выполнить за всю жизнь только одну пачку.</translation>
    </message>
    <message>
        <source>Small chunks do not fit in the processor&apos;s cache.</source>
        <translation>Маленькие пачки не помещаются в кэш процессора.</translation>
    </message>
    <message>
        <source>The GIL stops the workers from running at the same time.</source>
        <translation>GIL не даёт рабочим процессам работать одновременно.</translation>
    </message>
    <message>
        <source>The cost of a task&apos;s trip (pickling, a system call or two, waking the worker, the result&apos;s way back) is fixed. When the task itself is tiny, the trips are nearly all the time; chunks share one trip between many tasks.</source>
        <translation>Стоимость пересылки задачи (сериализация, один-два системных вызова, пробуждение процесса, обратный путь результата) постоянна. Когда сама задача крошечная, почти всё время уходит на пересылки; пачка делит одну пересылку между многими задачами.</translation>
    </message>
    <message>
        <source>Queue: passing objects between processes</source>
        <translation>Queue: передача объектов между процессами</translation>
    </message>
    <message>
        <source>&lt;p&gt;Processes do not share memory: a variable changed in a child stays changed in the child only. To send data, use a &lt;b&gt;Queue&lt;/b&gt;: one process calls &lt;code&gt;q.put(obj)&lt;/code&gt;, another &lt;code&gt;q.get()&lt;/code&gt;, and objects come out in the order they went in (first in, first out).&lt;/p&gt;&lt;p&gt;A queue is built on a pipe and a few locks; any number of processes can put and get. &lt;code&gt;get()&lt;/code&gt; waits until something arrives; a bounded queue makes &lt;code&gt;put()&lt;/code&gt; wait while it is full.&lt;/p&gt;&lt;p&gt;The object is pickled on the way in and rebuilt on the way out: the receiver gets a copy.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Процессы не делят память: переменная, изменённая в дочернем процессе, изменена только в нём. Чтобы передать данные, используют &lt;b&gt;Queue&lt;/b&gt; (очередь): один процесс вызывает &lt;code&gt;q.put(obj)&lt;/code&gt;, другой — &lt;code&gt;q.get()&lt;/code&gt;, и объекты выходят в том порядке, в каком вошли (первым пришёл — первым ушёл).&lt;/p&gt;&lt;p&gt;Очередь построена на канале и нескольких блокировках; класть в неё и брать из неё может любое число процессов. &lt;code&gt;get()&lt;/code&gt; ждёт, пока что-нибудь не придёт; в ограниченной очереди &lt;code&gt;put()&lt;/code&gt; ждёт, пока она заполнена.&lt;/p&gt;&lt;p&gt;На входе объект сериализуется, на выходе собирается заново: получатель получает копию.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The parent prints [42, None, &apos;hello&apos;]: the child&apos;s list, copied across.</source>
        <translation>Родитель печатает [42, None, &apos;hello&apos;] — список дочернего процесса, переданный в виде копии.</translation>
    </message>
    <message>
        <source>In the second demo, results arrive in the order the processes finish, not the order they were started: each carries its position to sort by.</source>
        <translation>Во второй демонстрации результаты приходят в том порядке, в каком процессы заканчивают работу, а не в порядке запуска: каждый несёт свой номер, чтобы их можно было отсортировать.</translation>
    </message>
    <message>
        <source>A child appends to a list it received as an argument. What does the parent see?</source>
        <translation>Дочерний процесс добавляет элемент в список, полученный как аргумент. Что увидит родитель?</translation>
    </message>
    <message>
        <source>The appended item, at once.</source>
        <translation>Добавленный элемент, сразу же.</translation>
    </message>
    <message>
        <source>The appended item, once the child has ended.</source>
        <translation>Добавленный элемент, когда дочерний процесс завершится.</translation>
    </message>
    <message>
        <source>Nothing: the child changed its own copy; send it back through a Queue.</source>
        <translation>Ничего: дочерний процесс изменил свою копию; её нужно отправить обратно через Queue.</translation>
    </message>
    <message>
        <source>Each process has its own memory. Arguments reach the child as copies, so changes stay there. A Queue (or a Pipe, or shared memory) is how data gets back.</source>
        <translation>У каждого процесса своя память. Аргументы попадают в дочерний процесс как копии, поэтому изменения остаются там. Вернуть данные можно через Queue (или Pipe, или общую память).</translation>
    </message>
    <message>
        <source>Pipe and the ping-pong timing</source>
        <translation>Pipe и замер пинг-понга</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;code&gt;Pipe()&lt;/code&gt; returns two connected ends. Whatever one end &lt;code&gt;send()&lt;/code&gt;s, the other &lt;code&gt;recv()&lt;/code&gt;s; by default both ends can send. A pipe joins exactly two processes, which makes it lighter than a queue.&lt;/p&gt;&lt;p&gt;The exercise: two processes bat a small message back and forth and time the round trips. A round trip is two messages, each pickled, written into the kernel, and woken up on the other side.&lt;/p&gt;&lt;p&gt;That time is the floor under any conversation between processes. Compare it with the time your task takes: a task much shorter than a round trip is not worth sending.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;Pipe()&lt;/code&gt; возвращает два связанных конца. Что один конец отправит через &lt;code&gt;send()&lt;/code&gt;, другой получит через &lt;code&gt;recv()&lt;/code&gt;; по умолчанию отправлять могут оба конца. Канал соединяет ровно два процесса, поэтому он легче очереди.&lt;/p&gt;&lt;p&gt;Упражнение: два процесса перебрасываются небольшим сообщением и замеряют время обменов туда и обратно. Один обмен — это два сообщения, каждое сериализуется, записывается в ядро и будит процесс на другой стороне.&lt;/p&gt;&lt;p&gt;Это время — нижняя граница для любого общения между процессами. Сравните его с длительностью вашей задачи: задачу намного короче одного обмена посылать не стоит.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A round trip takes some microseconds: thousands of times an addition.</source>
        <translation>Один обмен занимает несколько микросекунд — как тысячи сложений.</translation>
    </message>
    <message>
        <source>The 10,000 round trips give a steadier figure per trip than the first 100.</source>
        <translation>10 000 обменов дают более устойчивую оценку времени одного обмена, чем первые 100.</translation>
    </message>
    <message>
        <source>A round trip takes about 20 µs. Is it worth sending tasks of 1 µs each, one message per task?</source>
        <translation>Обмен туда и обратно занимает около 20 мкс. Стоит ли отправлять задачи по 1 мкс, по одному сообщению на задачу?</translation>
    </message>
    <message>
        <source>Yes, the more processes the better.</source>
        <translation>Да, чем больше процессов, тем лучше.</translation>
    </message>
    <message>
        <source>No: the messages would cost 20 times the work; group the tasks.</source>
        <translation>Нет: сообщения обойдутся в 20 раз дороже самой работы; задачи надо группировать.</translation>
    </message>
    <message>
        <source>Only with a duplex pipe.</source>
        <translation>Только с двунаправленным каналом.</translation>
    </message>
    <message>
        <source>Communication must be paid for by work. Send bigger pieces of work (chunks), so each message carries enough of it.</source>
        <translation>Общение должно окупаться работой. Отправляйте работу более крупными частями (пачками), чтобы каждое сообщение несло её достаточно.</translation>
    </message>
    <message>
        <source>Lock, with and without</source>
        <translation>Lock: с блокировкой и без</translation>
    </message>
    <message>
        <source>&lt;p&gt;Processes that share something (here, the terminal) can get in each other&apos;s way. Ten processes each print &lt;i&gt;hello world i&lt;/i&gt; in three pieces, with a pause in between. Without a lock, pieces from different processes mix into garbled lines.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;Lock&lt;/b&gt; lets one process at a time through: &lt;code&gt;lock.acquire()&lt;/code&gt; waits until the lock is free and takes it, &lt;code&gt;lock.release()&lt;/code&gt; gives it back (&lt;code&gt;with lock:&lt;/code&gt; does both). Everything between them is a &lt;b&gt;critical section&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The lock keeps lines whole; it does not decide who goes first. The order of the lines still changes from run to run.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Процессы, которые что-то делят (здесь — терминал), могут мешать друг другу. Десять процессов печатают &lt;i&gt;hello world i&lt;/i&gt; в три приёма, с паузами между ними. Без блокировки куски от разных процессов перемешиваются в неразборчивые строки.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lock&lt;/b&gt; (блокировка) пропускает только один процесс за раз: &lt;code&gt;lock.acquire()&lt;/code&gt; ждёт, пока блокировка освободится, и захватывает её, &lt;code&gt;lock.release()&lt;/code&gt; освобождает (&lt;code&gt;with lock:&lt;/code&gt; делает и то, и другое). Всё, что между ними, — &lt;b&gt;критическая секция&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Блокировка сохраняет строки целыми, но не решает, кто пойдёт первым. Порядок строк по-прежнему меняется от запуска к запуску.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run, without the lock: pieces of different lines are mixed.</source>
        <translation>Первый запуск, без блокировки: куски разных строк перемешаны.</translation>
    </message>
    <message>
        <source>Second run, with the lock: every line is whole.</source>
        <translation>Второй запуск, с блокировкой: каждая строка цела.</translation>
    </message>
    <message>
        <source>With the lock the numbers still come in no fixed order.</source>
        <translation>С блокировкой номера всё равно идут в произвольном порядке.</translation>
    </message>
    <message>
        <source>What does the lock guarantee in this example?</source>
        <translation>Что гарантирует блокировка в этом примере?</translation>
    </message>
    <message>
        <source>The lines come out in the order 0, 1, 2, ...</source>
        <translation>Строки выводятся в порядке 0, 1, 2, ...</translation>
    </message>
    <message>
        <source>No two processes are between acquire() and release() at the same time.</source>
        <translation>Никакие два процесса не находятся между acquire() и release() одновременно.</translation>
    </message>
    <message>
        <source>The program runs faster.</source>
        <translation>Программа работает быстрее.</translation>
    </message>
    <message>
        <source>Each process runs on its own core.</source>
        <translation>Каждый процесс работает на своём ядре.</translation>
    </message>
    <message>
        <source>A lock gives mutual exclusion, nothing more: whoever holds it works alone in the critical section. Which waiting process gets it next is up to the scheduler, so the order varies.</source>
        <translation>Блокировка даёт взаимное исключение, и только: тот, кто её держит, работает в критической секции один. Кто из ожидающих получит её следующим, решает планировщик, поэтому порядок меняется.</translation>
    </message>
    <message>
        <source>Shared memory and lost updates</source>
        <translation>Общая память и потерянные обновления</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;code&gt;Value&lt;/code&gt; and &lt;code&gt;Array&lt;/code&gt; live in &lt;b&gt;shared memory&lt;/b&gt;: every process sees the same bytes, with no copying. Fast, but now two processes can change the same number at once.&lt;/p&gt;&lt;p&gt;&lt;code&gt;counter.value += 1&lt;/code&gt; looks like one step and is three: read the value, add one, write it back. If another process writes between our read and our write, one of the two increments is lost.&lt;/p&gt;&lt;p&gt;The fix is to hold the value&apos;s lock around all three steps: &lt;code&gt;with counter.get_lock(): counter.value += 1&lt;/code&gt;. The lock built into a &lt;code&gt;Value&lt;/code&gt; only protects each single read or write, not the pair.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;Value&lt;/code&gt; и &lt;code&gt;Array&lt;/code&gt; живут в &lt;b&gt;общей памяти&lt;/b&gt;: все процессы видят одни и те же байты, без копирования. Это быстро, но теперь два процесса могут менять одно и то же число одновременно.&lt;/p&gt;&lt;p&gt;&lt;code&gt;counter.value += 1&lt;/code&gt; выглядит как один шаг, а на деле это три: прочитать значение, прибавить единицу, записать обратно. Если другой процесс запишет своё между нашим чтением и нашей записью, одно из двух увеличений потеряется.&lt;/p&gt;&lt;p&gt;Решение — держать блокировку значения на протяжении всех трёх шагов: &lt;code&gt;with counter.get_lock(): counter.value += 1&lt;/code&gt;. Встроенная в &lt;code&gt;Value&lt;/code&gt; блокировка защищает только каждое отдельное чтение или запись, а не их пару.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Without the lock the total falls short of the expected count.</source>
        <translation>Без блокировки итог меньше ожидаемого.</translation>
    </message>
    <message>
        <source>With get_lock() the total is exact every time.</source>
        <translation>С get_lock() итог всегда точный.</translation>
    </message>
    <message>
        <source>How many updates are lost changes from run to run.</source>
        <translation>Сколько обновлений теряется, меняется от запуска к запуску.</translation>
    </message>
    <message>
        <source>4 processes each add 1 to a shared counter 20,000 times, without a lock. What can the total be?</source>
        <translation>4 процесса по 20 000 раз прибавляют 1 к общему счётчику, без блокировки. Каким может быть итог?</translation>
    </message>
    <message>
        <source>Always 80,000.</source>
        <translation>Всегда 80 000.</translation>
    </message>
    <message>
        <source>80,000 or less, different from run to run.</source>
        <translation>80 000 или меньше, от запуска к запуску по-разному.</translation>
    </message>
    <message>
        <source>More than 80,000.</source>
        <translation>Больше 80 000.</translation>
    </message>
    <message>
        <source>Always 20,000.</source>
        <translation>Всегда 20 000.</translation>
    </message>
    <message>
        <source>Each lost update is an increment overwritten by another process that read the same old value. It can only lose increments, never add any, and how many depends on timing.</source>
        <translation>Каждое потерянное обновление — это увеличение, затёртое другим процессом, который прочитал то же старое значение. Увеличения можно только потерять, но не получить лишние, а сколько потеряется, зависит от того, как совпадут по времени процессы.</translation>
    </message>
    <message>
        <source>Manager: shared dicts and lists</source>
        <translation>Manager: общие словари и списки</translation>
    </message>
    <message>
        <source>&lt;p&gt;Shared memory holds numbers and arrays. For a dict or a list, Python offers a &lt;b&gt;Manager&lt;/b&gt;: a server process that owns the real objects. &lt;code&gt;manager.dict()&lt;/code&gt; and &lt;code&gt;manager.list()&lt;/code&gt; return &lt;b&gt;proxies&lt;/b&gt;; every operation on a proxy is a message to the server and an answer back.&lt;/p&gt;&lt;p&gt;That makes managers flexible (any process can use the proxy, even over a network) and slow compared with shared memory: each &lt;code&gt;d[key] = value&lt;/code&gt; is a round trip.&lt;/p&gt;</source>
        <translation>&lt;p&gt;В общей памяти хранятся числа и массивы. Для словаря или списка Python предлагает &lt;b&gt;Manager&lt;/b&gt;: серверный процесс, которому принадлежат настоящие объекты. &lt;code&gt;manager.dict()&lt;/code&gt; и &lt;code&gt;manager.list()&lt;/code&gt; возвращают &lt;b&gt;прокси&lt;/b&gt;; каждая операция над прокси — это сообщение серверу и ответ от него.&lt;/p&gt;&lt;p&gt;Поэтому менеджеры гибки (прокси может пользоваться любой процесс, даже по сети) и медленны по сравнению с общей памятью: каждое &lt;code&gt;d[key] = value&lt;/code&gt; — это обмен туда и обратно.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The child&apos;s changes are visible in the parent: the dict and the reversed list.</source>
        <translation>Изменения дочернего процесса видны в родителе: словарь и перевёрнутый список.</translation>
    </message>
    <message>
        <source>The manager is a process of its own, next to the child.</source>
        <translation>Менеджер — это отдельный процесс, рядом с дочерним.</translation>
    </message>
    <message>
        <source>Where does the dictionary created by manager.dict() really live?</source>
        <translation>Где на самом деле живёт словарь, созданный manager.dict()?</translation>
    </message>
    <message>
        <source>In the parent&apos;s memory.</source>
        <translation>В памяти родителя.</translation>
    </message>
    <message>
        <source>In shared memory that all processes map.</source>
        <translation>В общей памяти, которую отображают все процессы.</translation>
    </message>
    <message>
        <source>In the manager&apos;s server process; the others hold proxies.</source>
        <translation>В серверном процессе менеджера; у остальных — прокси.</translation>
    </message>
    <message>
        <source>The manager&apos;s server process owns the object. A proxy forwards each operation to it as a message, which is why any process can use it, and why each use costs a round trip.</source>
        <translation>Объектом владеет серверный процесс менеджера. Прокси пересылает ему каждую операцию сообщением: поэтому им может пользоваться любой процесс, и поэтому каждое обращение стоит обмена туда и обратно.</translation>
    </message>
    <message>
        <source>Start methods: spawn, fork, forkserver</source>
        <translation>Способы запуска: spawn, fork, forkserver</translation>
    </message>
    <message>
        <source>&lt;p&gt;There are three ways to start a child. &lt;b&gt;spawn&lt;/b&gt; runs a fresh interpreter that imports your program (the default on Windows and macOS). &lt;b&gt;fork&lt;/b&gt; copies the parent as it is, memory and all (Unix only). &lt;b&gt;forkserver&lt;/b&gt; starts one clean server process early, and each new child is forked from that server.&lt;/p&gt;&lt;p&gt;Forking is quick, but copying a parent that runs threads is unsafe: a lock held by another thread at that instant stays locked forever in the copy. ProcLab&apos;s engine runs threads, so it offers spawn and forkserver, and uses forkserver unless told otherwise, as Python 3.14 does on Linux.&lt;/p&gt;&lt;p&gt;Measured by &lt;code&gt;proclab-cli bench&lt;/code&gt; on a quiet 2-core machine: two ProcLab workers were ready in 5.5 ms with spawn and in 5.6 ms with forkserver once its server was up (a bare exec of a tiny C++ program: 3.1 ms). CPython&apos;s &lt;code&gt;Pool(2)&lt;/code&gt; took 111 ms and 73 ms there. A spawned child pays for what its new program loads before it can work: CPython loads its interpreter and imports your program. ProcLab&apos;s spawned pool worker is a small program without Qt that becomes the full worker only when a task needs it; started as the full worker, which loads Qt first, the two take 22 ms. A forked child is a copy of a server that already loaded everything.&lt;/p&gt;&lt;p&gt;Choose one with &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; or &lt;code&gt;set_start_method()&lt;/code&gt; under the &lt;code&gt;__main__&lt;/code&gt; guard.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Дочерний процесс можно запустить тремя способами. &lt;b&gt;spawn&lt;/b&gt; запускает новый интерпретатор, который импортирует вашу программу (по умолчанию в Windows и macOS). &lt;b&gt;fork&lt;/b&gt; копирует родителя как есть, вместе с памятью (только Unix). &lt;b&gt;forkserver&lt;/b&gt; заранее запускает чистый серверный процесс, и каждый новый дочерний процесс получается вызовом fork из этого сервера.&lt;/p&gt;&lt;p&gt;fork работает быстро, но копировать родителя, в котором работают потоки, опасно: блокировка, которую в этот момент держал другой поток, в копии останется захваченной навсегда. Движок ProcLab использует потоки, поэтому он предлагает spawn и forkserver и, если не указано иное, использует forkserver, как Python 3.14 в Linux.&lt;/p&gt;&lt;p&gt;Замер &lt;code&gt;proclab-cli bench&lt;/code&gt; на ненагруженной машине с 2 ядрами: два рабочих процесса ProcLab были готовы за 5.5 мс со spawn и за 5.6 мс с forkserver, когда его сервер уже запущен (простой exec маленькой программы на C++: 3.1 мс). &lt;code&gt;Pool(2)&lt;/code&gt; в CPython потребовал там 111 мс и 73 мс. Процесс, запущенный через spawn, платит за всё, что его новая программа загружает, прежде чем сможет работать: CPython загружает интерпретатор и импортирует вашу программу. Рабочий процесс пула, который ProcLab запускает через spawn, — маленькая программа без Qt, которая становится полным рабочим процессом, только когда задаче это нужно; запущенные сразу как полные рабочие процессы, которые сначала загружают Qt, те же два готовы за 22 мс. Процесс, полученный через fork, — копия сервера, который уже всё загрузил.&lt;/p&gt;&lt;p&gt;Способ выбирают через &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; или &lt;code&gt;set_start_method()&lt;/code&gt; под защитой &lt;code&gt;__main__&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A spawned child pays for loading its program; a forked child is a copy of one that already did.</source>
        <translation>Процесс, запущенный через spawn, платит за загрузку своей программы; процесс, полученный через fork, — копия процесса, который это уже сделал.</translation>
    </message>
    <message>
        <source>The server itself starts once; its cost is paid by the first pool only.</source>
        <translation>Сам сервер запускается один раз; за это платит только первый пул.</translation>
    </message>
    <message>
        <source>Why is fork risky in a program that runs threads?</source>
        <translation>Чем опасен fork в программе, где работают потоки?</translation>
    </message>
    <message>
        <source>The child copies locks that other threads may hold, and nobody will release them.</source>
        <translation>Дочерний процесс копирует блокировки, которые могли держать другие потоки, и никто их не освободит.</translation>
    </message>
    <message>
        <source>fork is slower than spawn.</source>
        <translation>fork медленнее, чем spawn.</translation>
    </message>
    <message>
        <source>A forked child cannot print.</source>
        <translation>Процесс, полученный через fork, не может печатать.</translation>
    </message>
    <message>
        <source>fork copies only the calling thread. Locks held by the other threads are copied locked, and the threads that would release them do not exist in the child: it can hang for ever.</source>
        <translation>fork копирует только вызывающий поток. Блокировки, которые держали другие потоки, копируются захваченными, а потоков, которые бы их освободили, в дочернем процессе нет: он может зависнуть навсегда.</translation>
    </message>
    <message>
        <source>Threads vs processes and the GIL</source>
        <translation>Потоки против процессов и GIL</translation>
    </message>
    <message>
        <source>&lt;p&gt;Threads live inside one process and share its memory, so starting them is cheap. But in CPython a thread must hold the &lt;b&gt;Global Interpreter Lock&lt;/b&gt; to run Python code: only one thread computes at a time, and they take turns (every 5 ms by default).&lt;/p&gt;&lt;p&gt;So for CPU-bound work, 2 threads take as long as 1. Processes each have their own interpreter and their own GIL, and really run in parallel, one per core. Threads still help for waiting (files, network, &lt;code&gt;sleep&lt;/code&gt;): a waiting thread lets go of the GIL.&lt;/p&gt;&lt;p&gt;The experiment runs the same CPU-bound tasks with threads that share a GIL, with threads without one (as in C++), and with processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Потоки живут внутри одного процесса и делят его память, поэтому запускать их дёшево. Но в CPython поток должен держать &lt;b&gt;глобальную блокировку интерпретатора&lt;/b&gt; (GIL), чтобы выполнять код на Python: считает только один поток за раз, а они сменяют друг друга (по умолчанию каждые 5 мс).&lt;/p&gt;&lt;p&gt;Поэтому на вычислительной работе 2 потока справляются не быстрее одного. У каждого процесса свой интерпретатор и свой GIL, и процессы действительно работают параллельно, по одному на ядро. Для ожидания (файлы, сеть, &lt;code&gt;sleep&lt;/code&gt;) потоки всё же полезны: ожидающий поток отпускает GIL.&lt;/p&gt;&lt;p&gt;В эксперименте одни и те же вычислительные задачи выполняются потоками с общим GIL, потоками без него (как в C++) и процессами.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Threads sharing a GIL: p = 2 is no faster than p = 1.</source>
        <translation>Потоки с общим GIL: p = 2 не быстрее, чем p = 1.</translation>
    </message>
    <message>
        <source>Threads without a GIL and processes both come close to a speedup of 2.</source>
        <translation>Потоки без GIL и процессы дают ускорение, близкое к 2.</translation>
    </message>
    <message>
        <source>Processes pay a start-up cost that threads do not.</source>
        <translation>Процессы платят за запуск, а потоки — нет.</translation>
    </message>
    <message>
        <source>A CPU-bound Python function runs on 4 threads on a 4-core machine. Speedup?</source>
        <translation>Вычислительная функция на Python выполняется в 4 потоках на 4-ядерной машине. Какое будет ускорение?</translation>
    </message>
    <message>
        <source>About 4.</source>
        <translation>Около 4.</translation>
    </message>
    <message>
        <source>About 2.</source>
        <translation>Около 2.</translation>
    </message>
    <message>
        <source>About 1: the GIL lets one thread compute at a time.</source>
        <translation>Около 1: GIL позволяет считать только одному потоку за раз.</translation>
    </message>
    <message>
        <source>With the GIL, the threads take turns on the interpreter: the total work is done at the pace of one core. Use processes (or code that releases the GIL) for CPU-bound work.</source>
        <translation>С GIL потоки по очереди пользуются интерпретатором: вся работа идёт со скоростью одного ядра. Для вычислений используйте процессы (или код, который отпускает GIL).</translation>
    </message>
    <message>
        <source>Monte Carlo pi, scaling and Amdahl&apos;s law</source>
        <translation>Число пи методом Монте-Карло, масштабирование и закон Амдала</translation>
    </message>
    <message>
        <source>&lt;p&gt;Throw random points into a square of side 2 and count those that land in the circle of radius 1: the fraction tends to π/4. The throws are independent, so they split into tasks that never need to talk: an ideal case for processes.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Speedup&lt;/b&gt; is T(1)/T(p); &lt;b&gt;efficiency&lt;/b&gt; is speedup/p. &lt;b&gt;Amdahl&apos;s law&lt;/b&gt; says that if a fraction f of the run is serial, T(p) = T(1)·(f + (1 − f)/p), so the speedup can never pass 1/f. ProcLab fits f to the measured times.&lt;/p&gt;&lt;p&gt;Beyond the number of cores, more processes only take turns on the same cores.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Бросайте случайные точки в квадрат со стороной 2 и считайте те, что попали в круг радиуса 1: их доля стремится к π/4. Броски независимы, поэтому они делятся на задачи, которым никогда не нужно общаться, — идеальный случай для процессов.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ускорение&lt;/b&gt; — это T(1)/T(p); &lt;b&gt;эффективность&lt;/b&gt; — ускорение/p. &lt;b&gt;Закон Амдала&lt;/b&gt; гласит: если доля f выполнения последовательна, то T(p) = T(1)·(f + (1 − f)/p), и ускорение никогда не превысит 1/f. ProcLab подбирает f по измеренным временам.&lt;/p&gt;&lt;p&gt;Когда процессов больше, чем ядер, лишние процессы лишь сменяют друг друга на тех же ядрах.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The estimate of pi is the same for every p: each task has its own seed.</source>
        <translation>Оценка числа пи одинакова при любом p: у каждой задачи своё начальное значение генератора.</translation>
    </message>
    <message>
        <source>Up to the number of cores the wall time falls nearly as 1/p.</source>
        <translation>Пока процессов не больше, чем ядер, время выполнения падает почти как 1/p.</translation>
    </message>
    <message>
        <source>Past the cores it stops falling; the fitted serial fraction tells how far from ideal the run is.</source>
        <translation>Дальше оно перестаёт падать; подобранная последовательная доля показывает, насколько выполнение далеко от идеала.</translation>
    </message>
    <message>
        <source>A program is 10 % serial. What is the largest speedup any number of processes can give?</source>
        <translation>Программа на 10 % последовательна. Какое наибольшее ускорение может дать любое число процессов?</translation>
    </message>
    <message>
        <source>10</source>
        <translation>10</translation>
    </message>
    <message>
        <source>90</source>
        <translation>90</translation>
    </message>
    <message>
        <source>Unlimited, with enough processes.</source>
        <translation>Неограниченное, если процессов достаточно.</translation>
    </message>
    <message>
        <source>1.1</source>
        <translation>1,1</translation>
    </message>
    <message>
        <source>With f = 0.1, T(p) never drops below 0.1·T(1), however large p is, so the speedup stays below 1/0.1 = 10.</source>
        <translation>При f = 0,1 время T(p) никогда не опустится ниже 0,1·T(1), как бы ни было велико p, поэтому ускорение остаётся меньше 1/0,1 = 10.</translation>
    </message>
    <message>
        <source>Map-reduce: counting letters</source>
        <translation>Map-reduce: подсчёт букв</translation>
    </message>
    <message>
        <source>&lt;p&gt;The War and Peace exercise: count how often each letter appears in a folder of books. It splits into two steps. &lt;b&gt;Map&lt;/b&gt;: each task counts the letters of one file into a &lt;code&gt;Counter&lt;/code&gt;, in a worker. &lt;b&gt;Reduce&lt;/b&gt;: the main process adds the Counters up.&lt;/p&gt;&lt;p&gt;The tutorial&apos;s files are in the Russian cp1251 encoding: a file must be read with the encoding it was written in. Files differ in size, so some tasks take longer than others; the pool hands the next file to whichever worker is free.&lt;/p&gt;&lt;p&gt;Here the text is a generated sample corpus; in the experiment panel you can point the workload at your own files.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Упражнение с «Войной и миром»: посчитать, сколько раз каждая буква встречается в папке с книгами. Задача делится на два шага. &lt;b&gt;Map&lt;/b&gt;: каждая задача в рабочем процессе считает буквы одного файла в &lt;code&gt;Counter&lt;/code&gt;. &lt;b&gt;Reduce&lt;/b&gt;: главный процесс складывает эти Counter.&lt;/p&gt;&lt;p&gt;Файлы из учебника записаны в русской кодировке cp1251: файл нужно читать в той кодировке, в которой он записан. Размеры файлов разные, поэтому одни задачи длятся дольше других; пул отдаёт следующий файл тому процессу, который освободился.&lt;/p&gt;&lt;p&gt;Здесь текст — сгенерированный пример корпуса; в панели эксперимента можно направить эту нагрузку на ваши собственные файлы.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The counts are checked against a serial count: the verified column.</source>
        <translation>Результаты сверяются с последовательным подсчётом: столбец «проверено».</translation>
    </message>
    <message>
        <source>The speedup is below 2: reading files and adding the Counters up are not split.</source>
        <translation>Ускорение меньше 2: чтение файлов и сложение Counter не распараллелены.</translation>
    </message>
    <message>
        <source>In this map-reduce, where are the per-file Counters added up?</source>
        <translation>Где в этом map-reduce складываются Counter отдельных файлов?</translation>
    </message>
    <message>
        <source>In each worker, before it reads the next file.</source>
        <translation>В каждом рабочем процессе, прежде чем он прочитает следующий файл.</translation>
    </message>
    <message>
        <source>In the main process, once the results are back.</source>
        <translation>В главном процессе, когда результаты вернутся.</translation>
    </message>
    <message>
        <source>In shared memory, by all the workers at once.</source>
        <translation>В общей памяти, всеми процессами сразу.</translation>
    </message>
    <message>
        <source>Each worker returns its own Counter; the main process reduces them with +. Nothing is shared while the workers count, so they need no lock.</source>
        <translation>Каждый рабочий процесс возвращает свой Counter; главный процесс сводит их с помощью +. Пока процессы считают, у них нет ничего общего, поэтому блокировка не нужна.</translation>
    </message>
    <message>
        <source>Matrix multiplication in parallel</source>
        <translation>Параллельное умножение матриц</translation>
    </message>
    <message>
        <source>&lt;p&gt;In C = A·B, each row of C needs one row of A and all of B. So the rows split into blocks, one block per task, and the exercise asks to time N = 128, 256, 512 and to check the result against the serial product.&lt;/p&gt;&lt;p&gt;The cost to watch is data movement: B is needed by every task. Sending it with each task would copy it again and again. ProcLab puts A, B and C in &lt;b&gt;shared memory&lt;/b&gt;, so tasks carry only their row range; in Python a pool initializer or &lt;code&gt;shared_memory&lt;/code&gt; does the same.&lt;/p&gt;</source>
        <translation>&lt;p&gt;В C = A·B каждой строке C нужна одна строка A и вся матрица B. Поэтому строки делятся на блоки, по блоку на задачу; упражнение просит замерить время для N = 128, 256, 512 и сверить результат с последовательным произведением.&lt;/p&gt;&lt;p&gt;Главное, за чем нужно следить, — перемещение данных: B нужна каждой задаче. Если отправлять её с каждой задачей, она будет копироваться снова и снова. ProcLab размещает A, B и C в &lt;b&gt;общей памяти&lt;/b&gt;, так что задачи несут только свой диапазон строк; в Python того же добиваются инициализатором пула или &lt;code&gt;shared_memory&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each run is checked against the serial product.</source>
        <translation>Каждый запуск сверяется с последовательным произведением.</translation>
    </message>
    <message>
        <source>Try n = 512 in the experiment panel: a bigger matrix scales better.</source>
        <translation>Попробуйте n = 512 в панели эксперимента: большая матрица масштабируется лучше.</translation>
    </message>
    <message>
        <source>Why not send the whole matrix B along with every task?</source>
        <translation>Почему бы не отправлять всю матрицу B с каждой задачей?</translation>
    </message>
    <message>
        <source>Copying it for every task could cost more than the multiplication saves.</source>
        <translation>Копирование для каждой задачи может стоить больше, чем выигрыш от умножения.</translation>
    </message>
    <message>
        <source>B cannot be pickled.</source>
        <translation>B нельзя сериализовать через pickle.</translation>
    </message>
    <message>
        <source>Workers may only read data from a Queue.</source>
        <translation>Рабочие процессы могут читать данные только из Queue.</translation>
    </message>
    <message>
        <source>B is N² numbers. Sent with each of many tasks, it is copied many times; put it once where every worker can read it and the tasks stay small.</source>
        <translation>B — это N² чисел. Если отправлять её с каждой из многих задач, она копируется многократно; разместите её один раз там, где её может прочитать каждый процесс, и задачи останутся маленькими.</translation>
    </message>
    <message>
        <source>The kernel density estimation benchmark</source>
        <translation>Эталонный тест: ядерная оценка плотности</translation>
    </message>
    <message>
        <source>&lt;p&gt;Kernel density estimation guesses a probability density from samples. The Parzen-window version counts the samples inside a window of width h around a point and divides by the window&apos;s volume; a Gaussian window weighs every sample by its distance instead.&lt;/p&gt;&lt;p&gt;Estimating at many points is many independent sums over all the samples: a CPU-bound, embarrassingly parallel benchmark. The tutorial compared a serial loop with pools of 2 and more processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ядерная оценка плотности восстанавливает плотность вероятности по выборке. Метод окна Парзена считает, сколько точек выборки попало в окно ширины h вокруг заданной точки, и делит на объём окна; гауссово окно вместо этого взвешивает каждую точку выборки по расстоянию.&lt;/p&gt;&lt;p&gt;Оценка во многих точках — это много независимых сумм по всей выборке: вычислительный тест, который распараллеливается без труда. В учебнике последовательный цикл сравнивался с пулами из 2 и более процессов.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each estimate is checked against a serial computation.</source>
        <translation>Каждая оценка сверяется с последовательным вычислением.</translation>
    </message>
    <message>
        <source>Make the problem bigger (n, queries) in the experiment panel: the efficiency rises as the work grows against the fixed costs.</source>
        <translation>Увеличьте задачу (n, queries) в панели эксперимента: эффективность растёт, когда работы становится больше по сравнению с постоянными расходами.</translation>
    </message>
    <message>
        <source>Why does a bigger problem usually give a better speedup?</source>
        <translation>Почему большая задача обычно даёт лучшее ускорение?</translation>
    </message>
    <message>
        <source>The fixed costs (start-up, messages) become a smaller part of the run.</source>
        <translation>Постоянные расходы (запуск, сообщения) составляют меньшую часть выполнения.</translation>
    </message>
    <message>
        <source>Big problems get more cores from the system.</source>
        <translation>Большие задачи получают от системы больше ядер.</translation>
    </message>
    <message>
        <source>It does not: the speedup never depends on the size.</source>
        <translation>Не даёт: ускорение никогда не зависит от размера.</translation>
    </message>
    <message>
        <source>Starting workers and sending messages cost about the same whatever the size. The more work there is, the smaller their share, so the serial fraction shrinks (Gustafson&apos;s view of Amdahl).</source>
        <translation>Запуск процессов и пересылка сообщений стоят примерно одинаково при любом размере. Чем больше работы, тем меньше их доля, и последовательная доля уменьшается (взгляд Густафсона на закон Амдала).</translation>
    </message>
    <message>
        <source>Runs the demos %1 (pool size %2 where a demo has a choice).</source>
        <translation>Запускает демонстрации %1 (размер пула %2, где демонстрация позволяет выбрать).</translation>
    </message>
    <message>
        <source>default</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <source>Chunksizes: %1.</source>
        <translation>Размеры пачек: %1.</translation>
    </message>
    <message>
        <source>Measures %1 (%2) with p = 1 to %3: %4.</source>
        <translation>Измеряет %1 (%2) при p от 1 до %3: %4.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every task a pool hands out costs something apart from the work: the input is pickled, sent through a pipe, unpickled in the worker, and the result makes the same trip back. For &lt;code&gt;x*x+1&lt;/code&gt; that toll is hundreds of times the work itself, so a pool can be far slower than a plain loop.&lt;/p&gt;&lt;p&gt;The cure is to send tasks in &lt;b&gt;chunks&lt;/b&gt;: &lt;code&gt;pool.map(f, inputs, chunksize=100)&lt;/code&gt; pays the toll once per hundred tasks. When you give no chunksize, &lt;code&gt;Pool.map&lt;/code&gt; picks &lt;code&gt;ceil(len(inputs) / (4 × processes))&lt;/code&gt;. In the tutorial, 10,000 small jobs took 4.2 s with chunks of 1 and 1.3 s with chunks of 100.&lt;/p&gt;&lt;p&gt;This experiment computes &lt;code&gt;x*x+1&lt;/code&gt; for 20,000 inputs, with chunks of 1 and with Python&apos;s default.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Каждая задача, которую раздаёт пул, стоит чего-то сверх самой работы: входные данные сериализуются, отправляются по каналу, десериализуются в рабочем процессе, а результат проделывает тот же путь обратно. Для &lt;code&gt;x*x+1&lt;/code&gt; эти накладные расходы в сотни раз больше самой работы, так что пул может оказаться намного медленнее простого цикла.&lt;/p&gt;&lt;p&gt;Лекарство — отправлять задачи &lt;b&gt;пачками&lt;/b&gt; (chunks): &lt;code&gt;pool.map(f, inputs, chunksize=100)&lt;/code&gt; платит за пересылку один раз на сотню задач. Если chunksize не указан, &lt;code&gt;Pool.map&lt;/code&gt; выбирает &lt;code&gt;ceil(len(inputs) / (4 × processes))&lt;/code&gt;. В учебнике 10 000 мелких задач выполнялись 4,2 с пачками по 1 и 1,3 с пачками по 100.&lt;/p&gt;&lt;p&gt;В этом эксперименте &lt;code&gt;x*x+1&lt;/code&gt; вычисляется для 20 000 входных значений, пачками по одному и с размером пачки, который Python выбирает по умолчанию.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>With chunksize 1 the same work takes longer: 20,000 trips instead of a few.</source>
        <translation>С chunksize 1 та же работа длится дольше: 20 000 пересылок вместо нескольких.</translation>
    </message>
    <message>
        <source>The default chunksize is 2,500 for 2 processes: 8 trips in all.</source>
        <translation>По умолчанию для 2 процессов chunksize равен 2 500: всего 8 пересылок.</translation>
    </message>
    <message>
        <source>Compare p = 1 and p = 2: with tiny tasks, the main process that sends and receives them limits what a second worker can add.</source>
        <translation>Сравните p = 1 и p = 2: при крошечных задачах главный процесс, который их отправляет и принимает, ограничивает пользу от второго рабочего процесса.</translation>
    </message>
    <message>
        <source>Deadlock: two locks, two orders</source>
        <translation>Взаимная блокировка: два замка, два порядка</translation>
    </message>
    <message>
        <source>&lt;p&gt;A process that needs two locks takes one, then the other. If another process takes the same two in the opposite order, each can end up holding one lock and waiting for the other: a &lt;b&gt;deadlock&lt;/b&gt;. Neither ever goes on, and Python does not notice: the program just hangs.&lt;/p&gt;&lt;p&gt;ProcLab follows who waits for whom from the lock events: worker 1 waits for lock B, held by worker 2, which waits for lock A, held by worker 1. A cycle in this &lt;b&gt;wait-for graph&lt;/b&gt; is a deadlock; the stage draws it in red within a second, and the demo stops both processes.&lt;/p&gt;&lt;p&gt;The cure is &lt;b&gt;lock ordering&lt;/b&gt;: give the locks one order and take them in that order everywhere (&lt;code&gt;with a: with b:&lt;/code&gt; in every process). The second run does just that, and both finish.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Процесс, которому нужны два замка, берёт один, потом другой. Если другой процесс берёт те же два в обратном порядке, каждый может оказаться с одним замком в руках, ожидая второй: это &lt;b&gt;взаимная блокировка&lt;/b&gt; (deadlock). Ни один не продвинется дальше, а Python этого не замечает: программа просто зависает.&lt;/p&gt;&lt;p&gt;ProcLab по событиям замков следит, кто кого ждёт: worker 1 ждёт замок B, который держит worker 2, а тот ждёт замок A, который держит worker 1. Цикл в этом &lt;b&gt;графе ожидания&lt;/b&gt; и есть взаимная блокировка; сцена рисует его красным меньше чем за секунду, а демо останавливает оба процесса.&lt;/p&gt;&lt;p&gt;Лекарство — &lt;b&gt;порядок захвата замков&lt;/b&gt;: задайте замкам один порядок и везде берите их в этом порядке (&lt;code&gt;with a: with b:&lt;/code&gt; в каждом процессе). Второй запуск делает именно так, и оба процесса завершаются.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run: each worker takes its first lock, then waits for the other&apos;s; the stage draws the cycle in red and names both processes and both locks.</source>
        <translation>Первый запуск: каждый рабочий процесс берёт свой первый замок, потом ждёт замок другого; сцена рисует цикл красным и называет оба процесса и оба замка.</translation>
    </message>
    <message>
        <source>Second run: both take A before B; one waits for A a moment, then both finish.</source>
        <translation>Второй запуск: оба берут A раньше B; один недолго ждёт A, потом оба завершаются.</translation>
    </message>
    <message>
        <source>Two processes need locks A and B. Which rule rules out a deadlock between them?</source>
        <translation>Двум процессам нужны замки A и B. Какое правило исключает взаимную блокировку между ними?</translation>
    </message>
    <message>
        <source>Every process takes A before B.</source>
        <translation>Каждый процесс берёт A раньше B.</translation>
    </message>
    <message>
        <source>Hold each lock as briefly as possible.</source>
        <translation>Держать каждый замок как можно меньше.</translation>
    </message>
    <message>
        <source>Use more processes.</source>
        <translation>Использовать больше процессов.</translation>
    </message>
    <message>
        <source>Release the locks in the order they were taken.</source>
        <translation>Отпускать замки в том порядке, в каком они были взяты.</translation>
    </message>
    <message>
        <source>With one order no cycle can form: whoever holds A can always get B, and the other waits for A, not for something the first one waits for. Holding locks briefly makes a deadlock rarer, not impossible.</source>
        <translation>При одном порядке цикл образоваться не может: тот, кто держит A, всегда может получить B, а другой ждёт A, а не то, чего ждёт первый. Короткое удержание замков делает взаимную блокировку реже, но не исключает её.</translation>
    </message>
    <message>
        <source>joblib: Parallel and delayed</source>
        <translation>joblib: Parallel и delayed</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;joblib&lt;/b&gt; wraps a pool of worker processes in one line: &lt;code&gt;Parallel(n_jobs=2)(delayed(f)(x) for x in range(10))&lt;/code&gt;. &lt;code&gt;delayed(f)(x)&lt;/code&gt; does not call &lt;code&gt;f&lt;/code&gt;; it records the call, and &lt;code&gt;Parallel&lt;/code&gt; sends the recorded calls to 2 workers and gives the results back as a list, in the order of the calls, like &lt;code&gt;Pool.map&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;The tutorial prints &lt;code&gt;[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]&lt;/code&gt; twice: once from a plain list comprehension, once from &lt;code&gt;Parallel&lt;/code&gt;. Same list, computed elsewhere. joblib groups the calls into batches by itself, so tiny tasks like these do not pay a trip each.&lt;/p&gt;&lt;p&gt;The Python program needs joblib (Debian: &lt;code&gt;python3-joblib&lt;/code&gt;). ProcLab&apos;s run does what it does with its own pool of 2 worker processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;joblib&lt;/b&gt; умещает пул рабочих процессов в одну строку: &lt;code&gt;Parallel(n_jobs=2)(delayed(f)(x) for x in range(10))&lt;/code&gt;. &lt;code&gt;delayed(f)(x)&lt;/code&gt; не вызывает &lt;code&gt;f&lt;/code&gt;, а записывает вызов; &lt;code&gt;Parallel&lt;/code&gt; отправляет записанные вызовы двум рабочим процессам и возвращает результаты списком в порядке вызовов, как &lt;code&gt;Pool.map&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Учебник дважды печатает &lt;code&gt;[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]&lt;/code&gt;: один раз из обычного генератора списка, другой — из &lt;code&gt;Parallel&lt;/code&gt;. Тот же список, вычисленный в других процессах. joblib сам объединяет вызовы в пакеты, поэтому такие крошечные задачи не платят за пересылку каждая.&lt;/p&gt;&lt;p&gt;Программе на Python нужен joblib (в Debian: &lt;code&gt;python3-joblib&lt;/code&gt;). Запуск в ProcLab делает то же самое на собственном пуле из 2 рабочих процессов.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Both lines are [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]: the order of the calls.</source>
        <translation>Обе строки — [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]: порядок вызовов.</translation>
    </message>
    <message>
        <source>The second list was computed by two worker processes: see their pids.</source>
        <translation>Второй список вычислили два рабочих процесса: посмотрите на их pid.</translation>
    </message>
    <message>
        <source>What does delayed(f)(x) do?</source>
        <translation>Что делает delayed(f)(x)?</translation>
    </message>
    <message>
        <source>It calls f(x) after a pause.</source>
        <translation>Вызывает f(x) после паузы.</translation>
    </message>
    <message>
        <source>It records the call f(x) without making it, for Parallel to send to a worker.</source>
        <translation>Записывает вызов f(x), не выполняя его, чтобы Parallel отправил его рабочему процессу.</translation>
    </message>
    <message>
        <source>It starts a process for f(x) at once.</source>
        <translation>Сразу запускает процесс для f(x).</translation>
    </message>
    <message>
        <source>delayed(f) returns a function that packs (f, args) instead of calling f. Parallel takes these packed calls, hands them to its workers in batches, and collects the results in order.</source>
        <translation>delayed(f) возвращает функцию, которая упаковывает (f, args) вместо вызова f. Parallel берёт эти упакованные вызовы, раздаёт их пакетами рабочим процессам и собирает результаты по порядку.</translation>
    </message>
    <message>
        <source>sharedmem: MapReduce, critical and reduce</source>
        <translation>sharedmem: MapReduce, critical и reduce</translation>
    </message>
    <message>
        <source>&lt;p&gt;The tutorial&apos;s &lt;b&gt;sharedmem&lt;/b&gt; package gives NumPy arrays in shared memory and a pool, &lt;code&gt;MapReduce&lt;/code&gt;, whose workers see those arrays. Inside &lt;code&gt;work(i)&lt;/code&gt;, &lt;code&gt;with pool.critical:&lt;/code&gt; is a lock around &lt;code&gt;counter[:] += i&lt;/code&gt;: ten calls add 0 to 9, and the counter ends at &lt;b&gt;45&lt;/b&gt;, every time. Without the critical section updates could be lost.&lt;/p&gt;&lt;p&gt;Its &lt;code&gt;map(work, items, reduce=reduce)&lt;/code&gt; calls &lt;code&gt;reduce&lt;/code&gt; in the main process on each result &lt;b&gt;as it arrives&lt;/b&gt;: &lt;i&gt;chunk i done&lt;/i&gt; is printed as chunks finish, not in the order they were given.&lt;/p&gt;&lt;p&gt;sharedmem is not in Debian, so the program shown starts with the tutorial&apos;s code as a comment and then runs the same thing with plain multiprocessing: an &lt;code&gt;Array&lt;/code&gt; and a &lt;code&gt;Lock&lt;/code&gt; handed to the workers, and &lt;code&gt;imap_unordered&lt;/code&gt; feeding &lt;code&gt;reduce&lt;/code&gt;. ProcLab&apos;s run does that with its own Array, Lock and pool.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Пакет &lt;b&gt;sharedmem&lt;/b&gt; из учебника даёт массивы NumPy в разделяемой памяти и пул &lt;code&gt;MapReduce&lt;/code&gt;, рабочие процессы которого видят эти массивы. Внутри &lt;code&gt;work(i)&lt;/code&gt; конструкция &lt;code&gt;with pool.critical:&lt;/code&gt; — это блокировка вокруг &lt;code&gt;counter[:] += i&lt;/code&gt;: десять вызовов прибавляют числа от 0 до 9, и счётчик каждый раз доходит до &lt;b&gt;45&lt;/b&gt;. Без критической секции обновления могли бы теряться.&lt;/p&gt;&lt;p&gt;Его &lt;code&gt;map(work, items, reduce=reduce)&lt;/code&gt; вызывает &lt;code&gt;reduce&lt;/code&gt; в главном процессе для каждого результата &lt;b&gt;по мере поступления&lt;/b&gt;: строки &lt;i&gt;chunk i done&lt;/i&gt; печатаются по мере завершения частей, а не в том порядке, в каком их раздали.&lt;/p&gt;&lt;p&gt;sharedmem нет в Debian, поэтому показанная программа начинается с кода из учебника в комментарии, а затем делает то же самое средствами одного multiprocessing: &lt;code&gt;Array&lt;/code&gt; и &lt;code&gt;Lock&lt;/code&gt;, переданные рабочим процессам, и &lt;code&gt;imap_unordered&lt;/code&gt;, питающий &lt;code&gt;reduce&lt;/code&gt;. Запуск в ProcLab делает это на собственных Array, Lock и пуле.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The counter is [45.0]: no update was lost inside the critical section.</source>
        <translation>Счётчик равен [45.0]: в критической секции не потеряно ни одного обновления.</translation>
    </message>
    <message>
        <source>The &apos;chunk i done&apos; lines come as chunks finish: run it again, the order can change.</source>
        <translation>Строки «chunk i done» появляются по мере завершения частей: запустите ещё раз — порядок может измениться.</translation>
    </message>
    <message>
        <source>The last line, the sum of the reduced results, is the same every time.</source>
        <translation>Последняя строка, сумма свёрнутых результатов, всякий раз одна и та же.</translation>
    </message>
    <message>
        <source>In sharedmem&apos;s MapReduce, where does the reduce callback run?</source>
        <translation>Где в MapReduce из sharedmem выполняется функция reduce?</translation>
    </message>
    <message>
        <source>In the worker that computed the chunk.</source>
        <translation>В рабочем процессе, который вычислил эту часть.</translation>
    </message>
    <message>
        <source>In the main process, on each result as it arrives.</source>
        <translation>В главном процессе, для каждого результата по мере поступления.</translation>
    </message>
    <message>
        <source>In a separate reducer process, once all chunks are done.</source>
        <translation>В отдельном процессе-свёртке, когда все части готовы.</translation>
    </message>
    <message>
        <source>The workers map; the main process reduces, one result at a time in the order they come back. That is why reduce may print without a lock, and why work(i) needs the critical section for the shared counter.</source>
        <translation>Рабочие процессы выполняют map, а главный процесс сворачивает результаты по одному, в порядке их возвращения. Поэтому reduce может печатать без блокировки, а work(i) нужна критическая секция для общего счётчика.</translation>
    </message>
    <message>
        <source>Tiny tasks, one trip each</source>
        <translation>Крошечные задачи, по пересылке на каждую</translation>
    </message>
    <message>
        <source>In the breakdown, the chunksize-1 bars are mostly dispatch: the workers wait for their next task.</source>
        <translation>В разбивке столбцы chunksize 1 — в основном раздача: рабочие процессы ждут следующую задачу.</translation>
    </message>
    <message>
        <source>The useful work is the same in both series: only the travel differs.</source>
        <translation>Полезная работа в обеих сериях одна и та же: различается только пересылка.</translation>
    </message>
    <message>
        <source>10,000 tasks of 5 µs each go to a pool with chunksize=1. What limits the run?</source>
        <translation>10 000 задач по 5 мкс отправлены в пул с chunksize=1. Что ограничивает запуск?</translation>
    </message>
    <message>
        <source>The number of cores.</source>
        <translation>Число ядер.</translation>
    </message>
    <message>
        <source>The trip of every task to a worker and back, far longer than the task.</source>
        <translation>Путь каждой задачи к рабочему процессу и обратно, гораздо более долгий, чем сама задача.</translation>
    </message>
    <message>
        <source>The size of the results.</source>
        <translation>Размер результатов.</translation>
    </message>
    <message>
        <source>The GIL of the main process.</source>
        <translation>GIL главного процесса.</translation>
    </message>
    <message>
        <source>Each trip costs tens of microseconds whatever the task. With tasks of 5 µs the pool spends most of its time carrying them; chunks of a few hundred share one trip between many tasks.</source>
        <translation>Каждая пересылка стоит десятки микросекунд, какой бы ни была задача. При задачах по 5 мкс пул почти всё время занят их перевозкой; порции по несколько сотен делят одну пересылку на много задач.</translation>
    </message>
    <message>
        <source>Load imbalance: split once, wait for the last</source>
        <translation>Дисбаланс нагрузки: разделили один раз — ждём последнего</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: cutting the work into one piece per worker up front, as if every piece cost the same. Counting primes in &lt;code&gt;[0, 4,000,000)&lt;/code&gt; in ranges is such a case: a large number costs more to test than a small one, so the ranges at the top are the dear ones. Split in two halves, one worker gets the cheap half, finishes early and sits idle while the other works on.&lt;/p&gt;&lt;p&gt;The fix: many small pieces handed out as workers become free (&lt;b&gt;dynamic&lt;/b&gt; scheduling, as &lt;code&gt;imap_unordered(f, ranges, chunksize=1)&lt;/code&gt; does). Whoever is free takes the next piece, so the workers finish together.&lt;/p&gt;&lt;p&gt;The experiment counts primes in 32 ranges of rising cost: in 2 chunks of 16 ranges (one per worker, a static split) and in chunks of 1. The breakdown&apos;s &lt;b&gt;imbalance&lt;/b&gt; part is the time a worker sat idle while another still computed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ошибка: заранее разрезать работу на куски по одному на процесс, как будто все куски стоят одинаково. Подсчёт простых чисел в &lt;code&gt;[0, 4 000 000)&lt;/code&gt; по диапазонам — как раз такой случай: большое число проверять дороже, чем малое, поэтому верхние диапазоны самые дорогие. При делении пополам один процесс получает дешёвую половину, рано заканчивает и простаивает, пока другой работает дальше.&lt;/p&gt;&lt;p&gt;Исправление: много мелких кусков, которые раздаются по мере освобождения процессов (&lt;b&gt;динамическое&lt;/b&gt; планирование, как в &lt;code&gt;imap_unordered(f, ranges, chunksize=1)&lt;/code&gt;). Кто свободен, берёт следующий кусок, и процессы заканчивают вместе.&lt;/p&gt;&lt;p&gt;Эксперимент считает простые числа в 32 диапазонах растущей стоимости: 2 порциями по 16 диапазонов (по одной на процесс, статическое деление) и порциями по 1. Часть &lt;b&gt;дисбаланс&lt;/b&gt; в разбивке — это время, когда один процесс простаивал, а другой ещё считал.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 2, chunksize 16 is far from half the time of p = 1; chunksize 1 comes close to it.</source>
        <translation>При p = 2 chunksize 16 далёк от половины времени p = 1, а chunksize 1 близок к ней.</translation>
    </message>
    <message>
        <source>The breakdown of the chunksize-16 point at p = 2 has a large imbalance part.</source>
        <translation>В разбивке точки chunksize 16 при p = 2 велика доля дисбаланса.</translation>
    </message>
    <message>
        <source>At p = 1 both take the same time: there is nobody to wait for.</source>
        <translation>При p = 1 оба варианта занимают одно и то же время: ждать некого.</translation>
    </message>
    <message>
        <source>Tasks of very different costs go to 4 workers. Which split finishes first?</source>
        <translation>Задачи очень разной стоимости идут четырём процессам. Какое деление закончит первым?</translation>
    </message>
    <message>
        <source>A quarter of the tasks to each worker, decided before the start.</source>
        <translation>Четверть задач каждому процессу, решённая до начала.</translation>
    </message>
    <message>
        <source>Small chunks, each to whichever worker is free.</source>
        <translation>Мелкие порции, каждая тому процессу, который свободен.</translation>
    </message>
    <message>
        <source>Both alike: the total work is the same.</source>
        <translation>Одинаково: общий объём работы тот же.</translation>
    </message>
    <message>
        <source>A run lasts as long as its busiest worker. Fixed quarters give one worker the dearest tasks; small chunks handed out on demand even the load out, at the price of a few more trips.</source>
        <translation>Запуск длится столько, сколько работает самый загруженный процесс. Фиксированные четверти отдают одному процессу самые дорогие задачи; мелкие порции, раздаваемые по запросу, выравнивают нагрузку ценой нескольких лишних пересылок.</translation>
    </message>
    <message>
        <source>Oversubscription: more processes than cores</source>
        <translation>Переподписка: процессов больше, чем ядер</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: &lt;code&gt;Pool(32)&lt;/code&gt; on a machine with 4 cores, in the hope that more processes do more. For CPU-bound work they cannot: the cores are all taken, and the processes only take turns. The scheduler stops a running process every few milliseconds to give its core to another: a &lt;b&gt;context switch&lt;/b&gt;, which costs time and leaves the caches cold. Each extra process also costs its start-up and its memory.&lt;/p&gt;&lt;p&gt;The fix: as many worker processes as cores, &lt;code&gt;Pool(os.cpu_count())&lt;/code&gt;, which is what &lt;code&gt;Pool()&lt;/code&gt; picks when you give no number.&lt;/p&gt;&lt;p&gt;The experiment runs the same CPU-bound tasks with 1 process up to beyond twice the cores of this machine. Each line of the output says how many times the kernel took the CPU away from the workers (their &lt;i&gt;involuntary context switches&lt;/i&gt;, counted by the kernel).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ошибка: &lt;code&gt;Pool(32)&lt;/code&gt; на машине с 4 ядрами в надежде, что больше процессов сделают больше. Для вычислительной работы это невозможно: все ядра заняты, и процессы только сменяют друг друга. Планировщик каждые несколько миллисекунд останавливает работающий процесс, чтобы отдать ядро другому: это &lt;b&gt;переключение контекста&lt;/b&gt;, которое стоит времени и оставляет кэши холодными. Каждый лишний процесс к тому же стоит запуска и памяти.&lt;/p&gt;&lt;p&gt;Исправление: столько рабочих процессов, сколько ядер, &lt;code&gt;Pool(os.cpu_count())&lt;/code&gt; — именно это выбирает &lt;code&gt;Pool()&lt;/code&gt;, если не указать число.&lt;/p&gt;&lt;p&gt;Эксперимент выполняет одни и те же вычислительные задачи на числе процессов от 1 до более чем удвоенного числа ядер этой машины. Каждая строка вывода сообщает, сколько раз ядро ОС отбирало процессор у рабочих процессов (их &lt;i&gt;вынужденные переключения контекста&lt;/i&gt;, подсчитанные ядром).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Up to the number of cores the time falls; past it, it stops falling.</source>
        <translation>До числа ядер время падает; дальше перестаёт падать.</translation>
    </message>
    <message>
        <source>The pool start-up grows with every extra process.</source>
        <translation>Запуск пула растёт с каждым лишним процессом.</translation>
    </message>
    <message>
        <source>CPU-bound tasks on a 4-core machine: how many worker processes?</source>
        <translation>Вычислительные задачи на машине с 4 ядрами: сколько рабочих процессов?</translation>
    </message>
    <message>
        <source>4, one per core.</source>
        <translation>4, по одному на ядро.</translation>
    </message>
    <message>
        <source>32: the more, the faster.</source>
        <translation>32: чем больше, тем быстрее.</translation>
    </message>
    <message>
        <source>1: processes cannot run at the same time.</source>
        <translation>1: процессы не могут работать одновременно.</translation>
    </message>
    <message>
        <source>Four cores run four processes at a time. A fifth CPU-bound process adds no computing power: it makes the others take turns, with context switches and colder caches. Waiting (I/O-bound) tasks are different: a sleeping process leaves its core to the others.</source>
        <translation>Четыре ядра выполняют одновременно четыре процесса. Пятый вычислительный процесс не добавляет мощности: он заставляет остальных сменять друг друга, с переключениями контекста и остывшими кэшами. С ожидающими задачами (ввод-вывод) иначе: спящий процесс отдаёт своё ядро другим.</translation>
    </message>
    <message>
        <source>Lock convoy: everyone in one line</source>
        <translation>Конвой на блокировке: все в одну очередь</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: doing the work &lt;i&gt;inside&lt;/i&gt; the lock that protects a shared result, &lt;code&gt;with lock: total.value += work(x)&lt;/code&gt;. Only one process at a time can hold the lock, so only one computes; the others queue behind it like a convoy, and the program runs at the speed of one process, whatever the number of workers.&lt;/p&gt;&lt;p&gt;The fix: compute outside, hold the lock only for the update, &lt;code&gt;r = work(x)&lt;/code&gt; then &lt;code&gt;with lock: total.value += r&lt;/code&gt;. Better still, give each worker its own partial result and add them up at the end (a reduce), with no lock at all.&lt;/p&gt;&lt;p&gt;The experiment runs 16 tasks of 20 ms that each update a shared total 10 times: with the work inside the lock (locked=1) and outside (locked=0). The breakdown&apos;s &lt;b&gt;waiting&lt;/b&gt; part is the time spent queueing for the lock; the stage shows the line of waiters.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ошибка: выполнять работу &lt;i&gt;внутри&lt;/i&gt; блокировки, защищающей общий результат, &lt;code&gt;with lock: total.value += work(x)&lt;/code&gt;. Блокировку может держать только один процесс за раз, поэтому считает только один; остальные стоят за ним в очереди, как конвой, и программа работает со скоростью одного процесса, сколько бы их ни было.&lt;/p&gt;&lt;p&gt;Исправление: считать снаружи, а блокировку держать только на время обновления: &lt;code&gt;r = work(x)&lt;/code&gt;, затем &lt;code&gt;with lock: total.value += r&lt;/code&gt;. Ещё лучше дать каждому процессу свой частичный результат и сложить их в конце (свёртка), вовсе без блокировки.&lt;/p&gt;&lt;p&gt;Эксперимент выполняет 16 задач по 20 мс, каждая из которых 10 раз обновляет общий итог: с работой внутри блокировки (locked=1) и снаружи (locked=0). Часть &lt;b&gt;ожидание&lt;/b&gt; в разбивке — время, проведённое в очереди за блокировкой; сцена показывает очередь ожидающих.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>locked=1: p = 2 takes as long as p = 1, or longer.</source>
        <translation>locked=1: p = 2 занимает столько же времени, сколько p = 1, или больше.</translation>
    </message>
    <message>
        <source>locked=0: the same work nearly halves at p = 2, and the total is still exact.</source>
        <translation>locked=0: та же работа при p = 2 сокращается почти вдвое, а итог по-прежнему точен.</translation>
    </message>
    <message>
        <source>The waiting part of the breakdown is about half of locked=1&apos;s p = 2 bar.</source>
        <translation>Доля ожидания в разбивке — около половины столбца locked=1 при p = 2.</translation>
    </message>
    <message>
        <source>Each task computes for 20 ms and then adds its result to a shared total. What should the lock cover?</source>
        <translation>Каждая задача считает 20 мс, а затем прибавляет свой результат к общему итогу. Что должна охватывать блокировка?</translation>
    </message>
    <message>
        <source>The 20 ms of computing and the addition, to be safe.</source>
        <translation>20 мс вычислений и сложение, для надёжности.</translation>
    </message>
    <message>
        <source>Only the addition to the shared total.</source>
        <translation>Только прибавление к общему итогу.</translation>
    </message>
    <message>
        <source>Nothing: adding is a single step.</source>
        <translation>Ничего: сложение — это один шаг.</translation>
    </message>
    <message>
        <source>The lock must cover the read-add-write of the shared total, or updates get lost, and nothing more: everything under it runs one process at a time. Keep critical sections short, or avoid sharing by reducing partial results at the end.</source>
        <translation>Блокировка должна охватывать чтение-сложение-запись общего итога, иначе обновления теряются, и ничего больше: всё под ней выполняется по одному процессу за раз. Делайте критические секции короткими или избегайте общих данных, сворачивая частичные результаты в конце.</translation>
    </message>
    <message>
        <source>False sharing: neighbours in one cache line</source>
        <translation>Ложное разделение: соседи в одной строке кэша</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: giving each process its own counter in one shared array, side by side: &lt;code&gt;counts = Array(&apos;q&apos;, 8, lock=False)&lt;/code&gt;, worker i doing &lt;code&gt;counts[i] += 1&lt;/code&gt; in a loop. No two workers touch the same number, so no lock is needed, and the answer is right. But the processor does not move single numbers between cores: it moves &lt;b&gt;cache lines&lt;/b&gt; of 64 bytes, here eight counters. Each write by one core takes the line away from the other, which must fetch it back: the two cores pass the line to and fro millions of times.&lt;/p&gt;&lt;p&gt;The fix: &lt;b&gt;padding&lt;/b&gt;, one counter per cache line (8 cells apart: &lt;code&gt;counts[8*i]&lt;/code&gt;), or a local variable written to the array once at the end.&lt;/p&gt;&lt;p&gt;The experiment has 8 tasks increment their own counter 50 million times, with the counters adjacent (stride=1) and 64 bytes apart (stride=8); every counter is checked at the end. In CPython the interpreter&apos;s own work hides much of the effect; in compiled code (NumPy, C, ProcLab&apos;s workers) it shows in full.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ошибка: дать каждому процессу свой счётчик в одном общем массиве, вплотную друг к другу: &lt;code&gt;counts = Array(&apos;q&apos;, 8, lock=False)&lt;/code&gt;, и процесс i в цикле делает &lt;code&gt;counts[i] += 1&lt;/code&gt;. Никакие два процесса не трогают одно и то же число, поэтому блокировка не нужна, и ответ верен. Но процессор перемещает между ядрами не отдельные числа, а &lt;b&gt;строки кэша&lt;/b&gt; по 64 байта — здесь восемь счётчиков. Каждая запись одного ядра отбирает строку у другого, которому приходится забирать её обратно: два ядра перебрасывают строку туда и обратно миллионы раз.&lt;/p&gt;&lt;p&gt;Исправление: &lt;b&gt;выравнивание&lt;/b&gt; (padding), по одному счётчику на строку кэша (через 8 ячеек: &lt;code&gt;counts[8*i]&lt;/code&gt;), или локальная переменная, записываемая в массив один раз в конце.&lt;/p&gt;&lt;p&gt;В эксперименте 8 задач увеличивают свой счётчик по 50 миллионов раз, со счётчиками вплотную (stride=1) и через 64 байта (stride=8); в конце проверяется каждый счётчик. В CPython собственная работа интерпретатора скрывает большую часть эффекта; в компилируемом коде (NumPy, C, рабочие процессы ProcLab) он проявляется полностью.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 1 both strides take the same time: one core keeps the line.</source>
        <translation>При p = 1 оба шага занимают одно и то же время: строку держит одно ядро.</translation>
    </message>
    <message>
        <source>At p = 2, stride 1 is much slower than stride 8, though the work is exactly the same.</source>
        <translation>При p = 2 stride 1 намного медленнее stride 8, хотя работа в точности та же.</translation>
    </message>
    <message>
        <source>Both runs verify: false sharing costs time, never correctness.</source>
        <translation>Оба запуска проходят проверку: ложное разделение стоит времени, но не правильности.</translation>
    </message>
    <message>
        <source>Two processes each update only their own 8-byte counter, stored side by side. Why is it slow?</source>
        <translation>Два процесса обновляют каждый только свой 8-байтовый счётчик, лежащие вплотную. Почему это медленно?</translation>
    </message>
    <message>
        <source>Updates get lost and must be redone.</source>
        <translation>Обновления теряются, и их приходится повторять.</translation>
    </message>
    <message>
        <source>Both counters sit in one cache line, which the two cores keep taking from each other.</source>
        <translation>Оба счётчика лежат в одной строке кэша, которую два ядра всё время отбирают друг у друга.</translation>
    </message>
    <message>
        <source>Shared memory is always slower than private memory.</source>
        <translation>Разделяемая память всегда медленнее собственной.</translation>
    </message>
    <message>
        <source>The operating system locks the array at each write.</source>
        <translation>Операционная система блокирует массив при каждой записи.</translation>
    </message>
    <message>
        <source>Caches keep whole lines of 64 bytes coherent. A write needs the line for itself, so two cores writing different words of one line keep invalidating each other&apos;s copy. Put data written by different processes on different lines.</source>
        <translation>Кэши поддерживают согласованность целыми строками по 64 байта. Записи нужна строка в единоличное владение, поэтому два ядра, пишущие разные слова одной строки, постоянно аннулируют копию друг друга. Размещайте данные, которые пишут разные процессы, в разных строках.</translation>
    </message>
    <message>
        <source>One series each: %1.</source>
        <translation>По серии на каждое: %1.</translation>
    </message>
    <message>
        <source>Chunksize 1 takes longer for the same 40 ms of work: its trips cost more than the tasks.</source>
        <translation>С chunksize 1 те же 40 мс работы занимают больше времени: пересылки стоят дороже задач.</translation>
    </message>
    <message>
        <source>Compare the involuntary context switches up to and past the cores: on an idle machine they jump once the processes must take turns.</source>
        <translation>Сравните вынужденные переключения контекста до числа ядер и после него: на ненагруженной машине они резко растут, как только процессам приходится сменять друг друга.</translation>
    </message>
    <message>
        <source>MPI: the exchange that works until it doesn&apos;t</source>
        <translation>MPI: обмен, который работает, пока не перестаёт</translation>
    </message>
    <message>
        <source>&lt;p&gt;Beyond one machine, processes talk by &lt;b&gt;MPI&lt;/b&gt; messages. The first program everyone writes swaps data between two ranks: each calls &lt;code&gt;MPI_Send&lt;/code&gt; to its partner, then &lt;code&gt;MPI_Recv&lt;/code&gt;. With 1 KiB it works.&lt;/p&gt;&lt;p&gt;It works by luck. The MPI standard lets &lt;code&gt;MPI_Send&lt;/code&gt; wait until the partner receives. Open MPI returns at once only for small messages, which it copies into a buffer on the way (&lt;b&gt;eager&lt;/b&gt; sending: up to 4 KiB between ranks of one machine, 64 KiB over TCP). With 1 MiB, both ranks sit in &lt;code&gt;MPI_Send&lt;/code&gt; waiting for a receive that neither will reach: a &lt;b&gt;deadlock&lt;/b&gt;. MPI never notices, and the ranks keep spinning at 100 % CPU.&lt;/p&gt;&lt;p&gt;ProcLab follows who waits for whom from the ranks&apos; events: rank 0 in a send to rank 1, rank 1 in a send to rank 0, and neither call can satisfy the other. The cycle is named and the job stopped. The fix, &lt;code&gt;MPI_Sendrecv&lt;/code&gt;, lets MPI pair the two transfers itself; the third run swaps 1 MiB that way.&lt;/p&gt;</source>
        <translation>&lt;p&gt;За пределами одной машины процессы общаются сообщениями &lt;b&gt;MPI&lt;/b&gt;. Первая программа, которую пишут все, обменивает данные между двумя рангами: каждый вызывает &lt;code&gt;MPI_Send&lt;/code&gt; к партнёру, затем &lt;code&gt;MPI_Recv&lt;/code&gt;. С 1 КиБ это работает.&lt;/p&gt;&lt;p&gt;Работает по везению. Стандарт MPI разрешает &lt;code&gt;MPI_Send&lt;/code&gt; ждать, пока партнёр не примет сообщение. Open MPI возвращается сразу только для маленьких сообщений, которые копирует в буфер по пути (отправка &lt;b&gt;eager&lt;/b&gt;: до 4 КиБ между рангами одной машины, 64 КиБ по TCP). С 1 МиБ оба ранга сидят в &lt;code&gt;MPI_Send&lt;/code&gt;, ожидая приёма, до которого ни один не дойдёт: &lt;b&gt;взаимная блокировка&lt;/b&gt;. MPI этого не замечает, а ранги продолжают крутиться, занимая 100 % CPU.&lt;/p&gt;&lt;p&gt;ProcLab следит, кто кого ждёт, по событиям рангов: ранг 0 в отправке рангу 1, ранг 1 в отправке рангу 0, и ни один вызов не может удовлетворить другой. Цикл называется, задание останавливается. Исправление, &lt;code&gt;MPI_Sendrecv&lt;/code&gt;, позволяет MPI самому сопоставить две передачи; третий запуск так обменивает 1 МиБ.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run, 1 KiB: each rank&apos;s send returns at once (the arrow leaves while the partner is still sending), then each receives.</source>
        <translation>Первый запуск, 1 КиБ: отправка каждого ранга возвращается сразу (стрелка уходит, пока партнёр ещё отправляет), затем каждый принимает.</translation>
    </message>
    <message>
        <source>Third run: MPI_Sendrecv swaps the same 1 MiB, and the matrix shows 1 MiB each way.</source>
        <translation>Третий запуск: MPI_Sendrecv обменивает тот же 1 МиБ, и матрица показывает по 1 МиБ в каждую сторону.</translation>
    </message>
    <message>
        <source>The exchange works with 1 KiB and hangs with 1 MiB. What does the MPI standard say about the 1 KiB run?</source>
        <translation>Обмен работает с 1 КиБ и зависает с 1 МиБ. Что стандарт MPI говорит о запуске с 1 КиБ?</translation>
    </message>
    <message>
        <source>It is just as wrong: it works only because Open MPI buffered the message.</source>
        <translation>Он так же неверен: работает лишь потому, что Open MPI буферизовал сообщение.</translation>
    </message>
    <message>
        <source>It is correct: MPI_Send always buffers messages under 4 KiB.</source>
        <translation>Он верен: MPI_Send всегда буферизует сообщения меньше 4 КиБ.</translation>
    </message>
    <message>
        <source>It is correct because only two ranks take part.</source>
        <translation>Он верен, потому что участвуют только два ранга.</translation>
    </message>
    <message>
        <source>It deadlocks too, but MPI breaks the cycle for small messages.</source>
        <translation>Он тоже блокируется, но MPI разрывает цикл для маленьких сообщений.</translation>
    </message>
    <message>
        <source>MPI_Send may wait for the matching receive at any size; the eager limit is Open MPI&apos;s choice, and it differs between shared memory and TCP, between MPI libraries and between versions. A program that needs the buffer is unsafe: a larger input, another network or another MPI hangs it. Use MPI_Sendrecv, or order the calls (even ranks send first, odd ranks receive first).</source>
        <translation>MPI_Send может ждать соответствующего приёма при любом размере; предел eager — выбор Open MPI, и он разный для общей памяти и TCP, для разных библиотек MPI и версий. Программа, которой нужен буфер, небезопасна: больший ввод, другая сеть или другой MPI её подвесит. Используйте MPI_Sendrecv или упорядочьте вызовы (чётные ранги сначала отправляют, нечётные сначала принимают).</translation>
    </message>
    <message>
        <source>MPI: share the data out, gather the answer</source>
        <translation>MPI: раздать данные, собрать ответ</translation>
    </message>
    <message>
        <source>&lt;p&gt;A pool&apos;s workers on one machine can read A and B in shared memory. &lt;b&gt;MPI&lt;/b&gt; ranks may run on different machines, where nothing is shared: the data has to travel. The usual program keeps the matrices at rank 0 and lets MPI&apos;s &lt;b&gt;collectives&lt;/b&gt; move them, each a single call made by every rank.&lt;/p&gt;&lt;p&gt;&lt;code&gt;MPI_Bcast&lt;/code&gt; sends all of B to every rank. &lt;code&gt;MPI_Scatterv&lt;/code&gt; gives each rank only its block of A&apos;s rows (the v: the blocks may differ in size). Each rank multiplies its rows, and &lt;code&gt;MPI_Gatherv&lt;/code&gt; brings the rows of C back to rank 0, in order. The run is checked against the serial product, as the pool&apos;s is.&lt;/p&gt;&lt;p&gt;The sweep runs the same product with the process pool and with MPI ranks (mpi-spmd). On the stage, the broadcast and the scatter fan out from rank 0 and the gather fans in. MPI&apos;s start-up, hundreds of milliseconds for &lt;code&gt;mpirun&lt;/code&gt;, is reported apart from the wall time and paid once: the sweep starts one job with as many ranks as its largest p and runs every point on as many of them as it needs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Рабочие процессы пула на одной машине могут читать A и B в общей памяти. Ранги &lt;b&gt;MPI&lt;/b&gt; могут работать на разных машинах, где ничего не общее: данные должны путешествовать. Обычная программа держит матрицы на ранге 0 и поручает их перемещение &lt;b&gt;коллективным операциям&lt;/b&gt; MPI, каждая из которых — один вызов, который делают все ранги.&lt;/p&gt;&lt;p&gt;&lt;code&gt;MPI_Bcast&lt;/code&gt; отправляет всю B каждому рангу. &lt;code&gt;MPI_Scatterv&lt;/code&gt; даёт каждому рангу только его блок строк A (v: блоки могут быть разного размера). Каждый ранг умножает свои строки, а &lt;code&gt;MPI_Gatherv&lt;/code&gt; возвращает строки C рангу 0 по порядку. Запуск сверяется с последовательным произведением, как и запуск пула.&lt;/p&gt;&lt;p&gt;Серия запусков выполняет то же произведение пулом процессов и рангами MPI (mpi-spmd). На сцене рассылка и раздача расходятся веером от ранга 0, а сбор сходится к нему. Запуск MPI, сотни миллисекунд на &lt;code&gt;mpirun&lt;/code&gt;, учитывается отдельно от времени выполнения и оплачивается один раз: замер запускает одно задание с числом рангов, равным наибольшему p, и выполняет каждую точку на стольких из них, сколько ей нужно.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Both series are checked against the serial product: the same rows, the same numbers.</source>
        <translation>Обе серии сверяются с последовательным произведением: те же строки, те же числа.</translation>
    </message>
    <message>
        <source>Compare the wall times: on one machine MPI copies B to every rank, the pool shares it.</source>
        <translation>Сравните время выполнения: на одной машине MPI копирует B в каждый ранг, а пул делит её между всеми.</translation>
    </message>
    <message>
        <source>With p ranks and n x n matrices, how much of B does each rank receive?</source>
        <translation>При p рангах и матрицах n x n какую часть B получает каждый ранг?</translation>
    </message>
    <message>
        <source>All of it, n x n numbers: every row of C needs every row of B.</source>
        <translation>Всю, n x n чисел: каждой строке C нужны все строки B.</translation>
    </message>
    <message>
        <source>n x n / p numbers: B is scattered like A.</source>
        <translation>n x n / p чисел: B раздаётся так же, как A.</translation>
    </message>
    <message>
        <source>None: the ranks read it from rank 0&apos;s memory.</source>
        <translation>Никакую: ранги читают её из памяти ранга 0.</translation>
    </message>
    <message>
        <source>Row i of C is row i of A times all of B, so every rank needs the whole of B (a broadcast) but only its own rows of A (a scatter). That broadcast is communication a pool on one machine never pays: it grows with n² and with the number of ranks.</source>
        <translation>Строка i матрицы C — это строка i матрицы A, умноженная на всю B, поэтому каждому рангу нужна вся B (рассылка), но лишь его собственные строки A (раздача). Эта рассылка — обмен данными, за который пул на одной машине никогда не платит: он растёт с n² и с числом рангов.</translation>
    </message>
    <message>
        <source>During an MPI run, the stage shows MPI_Bcast and MPI_Scatterv fanning out from rank 0, then MPI_Gatherv fanning in.</source>
        <translation>Во время запуска MPI сцена показывает, как MPI_Bcast и MPI_Scatterv расходятся веером от ранга 0, а затем MPI_Gatherv сходится к нему.</translation>
    </message>
    <message>
        <source>MPI: a static split or a farm</source>
        <translation>MPI: статическое разбиение или ферма</translation>
    </message>
    <message>
        <source>On the stage, in the static runs, the ranks with the cheap blocks turn to &quot;spinning in MPI_Reduce&quot; long before the last one ends.</source>
        <translation>На сцене в статических запусках ранги с дешёвыми блоками переходят в «крутятся в MPI_Reduce» задолго до того, как закончит последний.</translation>
    </message>
    <message>
        <source>In the farm runs, rank 0 spins in MPI_Recv while it deals; the arrows are the ranges going out and the counts coming back.</source>
        <translation>В запусках фермы ранг 0 крутится в MPI_Recv, пока раздаёт; стрелки — это уходящие интервалы и возвращающиеся счётчики.</translation>
    </message>
    <message>
        <source>Compare p = 2 and p = 3 in each series: the farm needs a rank more for the same number of workers.</source>
        <translation>Сравните p = 2 и p = 3 в каждой серии: ферме нужен лишний ранг при том же числе вычисляющих.</translation>
    </message>
    <message>
        <source>When is a static split the better choice?</source>
        <translation>Когда статическое разбиение — лучший выбор?</translation>
    </message>
    <message>
        <source>When every task costs about the same: no dealer, no message per task.</source>
        <translation>Когда все задачи стоят примерно одинаково: ни раздающего, ни сообщения на задачу.</translation>
    </message>
    <message>
        <source>When the tasks&apos; costs differ a lot.</source>
        <translation>Когда стоимость задач сильно различается.</translation>
    </message>
    <message>
        <source>Never: a farm is always faster.</source>
        <translation>Никогда: ферма всегда быстрее.</translation>
    </message>
    <message>
        <source>A static split costs nothing to organise but lasts as long as its dearest block. A farm evens out uneven tasks at the price of a dealer and two messages per chunk, which is why real farms deal chunks of several tasks, as a Pool&apos;s chunksize does.</source>
        <translation>Статическое разбиение ничего не стоит в организации, но длится столько, сколько самый дорогой блок. Ферма выравнивает неравные задачи ценой раздающего ранга и двух сообщений на порцию — поэтому настоящие фермы раздают порции из нескольких задач, как chunksize у Pool.</translation>
    </message>
    <message>
        <source>&lt;p&gt;MPI has no pool: the program decides who computes what. The simplest way is a &lt;b&gt;static split&lt;/b&gt; (mpi-spmd): rank r takes the r-th block of the tasks, and &lt;code&gt;MPI_Reduce&lt;/code&gt; adds the counts at rank 0. When the tasks cost the same, nothing beats it: no message until the end.&lt;/p&gt;&lt;p&gt;Counting primes in ranges of rising cost is not such a case. The rank with the top block works longest, and the others wait for it in &lt;code&gt;MPI_Reduce&lt;/code&gt;, spinning. The &lt;b&gt;farm&lt;/b&gt; (mpi-farm) is MPI&apos;s dynamic scheduling: rank 0 deals one range at a time with &lt;code&gt;MPI_Send&lt;/code&gt; to whichever rank sends back a result (&lt;code&gt;MPI_Recv&lt;/code&gt; from any source), so the ranks finish together. Its price: rank 0 only deals, so with p ranks p − 1 compute, and every range costs a message each way.&lt;/p&gt;&lt;p&gt;The sweep runs both shapes with 1 to 3 ranks. With 1 rank they do the same thing; with 2, the farm has a single computing rank; with 3, the static split computes on three ranks and the farm on two, and the imbalance decides which is first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;В MPI нет пула: программа сама решает, кто что вычисляет. Проще всего &lt;b&gt;статическое разбиение&lt;/b&gt; (mpi-spmd): ранг r берёт r-й блок задач, а &lt;code&gt;MPI_Reduce&lt;/code&gt; складывает счётчики на ранге 0. Когда задачи стоят одинаково, лучше не придумать: ни одного сообщения до конца.&lt;/p&gt;&lt;p&gt;Подсчёт простых чисел в интервалах растущей стоимости — не такой случай. Ранг с верхним блоком работает дольше всех, а остальные ждут его в &lt;code&gt;MPI_Reduce&lt;/code&gt;, крутясь впустую. &lt;b&gt;Ферма&lt;/b&gt; (mpi-farm) — это динамическое планирование в MPI: ранг 0 раздаёт по одному интервалу через &lt;code&gt;MPI_Send&lt;/code&gt; тому рангу, который прислал результат (&lt;code&gt;MPI_Recv&lt;/code&gt; от любого источника), и ранги заканчивают вместе. Её цена: ранг 0 только раздаёт, так что из p рангов вычисляют p − 1, а каждый интервал стоит по сообщению в каждую сторону.&lt;/p&gt;&lt;p&gt;Серия запускает обе формы на 1–3 рангах. На 1 ранге они делают одно и то же; на 2 у фермы вычисляет один ранг; на 3 статическое разбиение вычисляет на трёх рангах, ферма — на двух, и дисбаланс решает, кто будет первым.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>MPI: ranks and hosts</source>
        <translation>MPI: ранги и хосты</translation>
    </message>
    <message>
        <source>&lt;p&gt;An MPI program runs as &lt;b&gt;ranks&lt;/b&gt;: &lt;code&gt;mpirun -n 4&lt;/code&gt; starts four copies of it, numbered 0 to 3. A &lt;b&gt;hostfile&lt;/b&gt; says which machines take them and how many each (their &lt;i&gt;slots&lt;/i&gt;): with &lt;code&gt;nodeA slots=2&lt;/code&gt; and &lt;code&gt;nodeB slots=2&lt;/code&gt;, mpirun fills nodeA first (ranks 0 and 1), then nodeB (ranks 2 and 3). On each host it starts a daemon through &lt;code&gt;ssh&lt;/code&gt;, and the daemon starts the ranks there.&lt;/p&gt;&lt;p&gt;Without a lab, this lesson simulates one: two hosts on this machine, and a remote shell that runs &quot;ssh nodeB&quot; here. Open MPI still starts a daemon per host and connects the ranks over TCP, so everything but the wires is real. The stage draws each host as a frame around its ranks; in the farm, rank 0 on nodeA deals chunks to the ranks of both hosts, and the arrows between hosts have their own colour. The timeline groups the lanes by host.&lt;/p&gt;&lt;p&gt;Each machine has its own clock. ProcLab aligns every rank&apos;s clock with its own by a few ping exchanges (the fastest round trip wins), so that no message is drawn arriving before it left.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Программа MPI работает как набор &lt;b&gt;рангов&lt;/b&gt;: &lt;code&gt;mpirun -n 4&lt;/code&gt; запускает четыре её копии с номерами от 0 до 3. &lt;b&gt;Файл хостов&lt;/b&gt; говорит, какие машины их принимают и сколько каждая (её &lt;i&gt;слоты&lt;/i&gt;): с &lt;code&gt;nodeA slots=2&lt;/code&gt; и &lt;code&gt;nodeB slots=2&lt;/code&gt; mpirun сначала заполняет nodeA (ранги 0 и 1), затем nodeB (ранги 2 и 3). На каждом хосте он запускает демон через &lt;code&gt;ssh&lt;/code&gt;, а демон запускает там ранги.&lt;/p&gt;&lt;p&gt;Без компьютерного класса этот урок его имитирует: два хоста на этой машине и удалённая оболочка, которая выполняет «ssh nodeB» здесь же. Open MPI всё равно запускает по демону на хост и соединяет ранги по TCP, так что настоящее всё, кроме проводов. Сцена рисует каждый хост рамкой вокруг его рангов; в ферме ранг 0 на nodeA раздаёт порции рангам обоих хостов, а стрелки между хостами имеют свой цвет. Временная шкала группирует дорожки по хостам.&lt;/p&gt;&lt;p&gt;У каждой машины свои часы. ProcLab выравнивает часы каждого ранга со своими несколькими обменами ping (побеждает самый быстрый круг), чтобы ни одно сообщение не было нарисовано пришедшим раньше, чем отправленным.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 4 the stage shows nodeA holding ranks 0 and 1 and nodeB holding ranks 2 and 3.</source>
        <translation>При p = 4 сцена показывает nodeA с рангами 0 и 1 и nodeB с рангами 2 и 3.</translation>
    </message>
    <message>
        <source>The arrows between nodeA and nodeB have their own colour: on a real lab those messages cross the network.</source>
        <translation>Стрелки между nodeA и nodeB имеют свой цвет: в настоящем классе эти сообщения идут по сети.</translation>
    </message>
    <message>
        <source>MPI&apos;s start-up (a daemon per host, through the remote shell) is reported apart from the wall time.</source>
        <translation>Запуск MPI (по демону на хост через удалённую оболочку) учитывается отдельно от времени выполнения.</translation>
    </message>
    <message>
        <source>With the hostfile nodeA slots=2, nodeB slots=2 and mpirun -n 3, where does rank 2 run?</source>
        <translation>С файлом хостов nodeA slots=2, nodeB slots=2 и mpirun -n 3 где работает ранг 2?</translation>
    </message>
    <message>
        <source>On nodeB: nodeA&apos;s two slots take ranks 0 and 1.</source>
        <translation>На nodeB: два слота nodeA заняты рангами 0 и 1.</translation>
    </message>
    <message>
        <source>On nodeA: the ranks alternate between the hosts.</source>
        <translation>На nodeA: ранги чередуются между хостами.</translation>
    </message>
    <message>
        <source>Wherever the operating system schedules it.</source>
        <translation>Там, куда его поставит операционная система.</translation>
    </message>
    <message>
        <source>By default mpirun fills each host&apos;s slots in the hostfile&apos;s order. mpirun --map-by node deals the ranks round robin instead: 0 on nodeA, 1 on nodeB, 2 on nodeA.</source>
        <translation>По умолчанию mpirun заполняет слоты каждого хоста в порядке файла хостов. mpirun --map-by node вместо этого раздаёт ранги по кругу: 0 на nodeA, 1 на nodeB, 2 на nodeA.</translation>
    </message>
    <message>
        <source>MPI hosts, simulated on this machine: %1.</source>
        <translation>Хосты MPI, имитируемые на этой машине: %1.</translation>
    </message>
    <message>
        <source>MPI: strong and weak scaling, and what communication costs</source>
        <translation>MPI: сильная и слабая масштабируемость и цена обмена данными</translation>
    </message>
    <message>
        <source>Each point is a bigger product (its n is in the table) and is checked against the serial one.</source>
        <translation>Каждая точка — произведение большего размера (его n есть в таблице), и оно проверяется по последовательному.</translation>
    </message>
    <message>
        <source>In the wall time view the ideal is a flat line at T(1); in the speedup view, the scaled speedup against the line S = p.</source>
        <translation>В виде «время» идеал — горизонтальная линия на уровне T(1); в виде «ускорение» — масштабированное ускорение против прямой S = p.</translation>
    </message>
    <message>
        <source>Then try pi the same way: proclab-cli sweep pi --executor mpi-spmd --weak samples -p 1..2 stays flat, because a reduce of one number costs the same at any size.</source>
        <translation>Затем попробуйте так же pi: proclab-cli sweep pi --executor mpi-spmd --weak samples -p 1..2 остаётся ровным, потому что свёртка одного числа стоит одинаково при любом размере.</translation>
    </message>
    <message>
        <source>Under weak scaling, why does the MPI matrix product slow down as p grows while pi does not?</source>
        <translation>Почему при слабой масштабируемости произведение матриц на MPI замедляется с ростом p, а pi — нет?</translation>
    </message>
    <message>
        <source>Every rank receives all of B, n² numbers, and n grows with p: communication grows, pi&apos;s one reduce does not.</source>
        <translation>Каждый ранг получает всю B, n² чисел, а n растёт с p: обмен растёт, а единственная свёртка pi — нет.</translation>
    </message>
    <message>
        <source>Each rank has more arithmetic to do at larger p.</source>
        <translation>При большем p у каждого ранга больше вычислений.</translation>
    </message>
    <message>
        <source>MPI ranks are slower than pool workers at arithmetic.</source>
        <translation>Ранги MPI считают медленнее, чем рабочие процессы пула.</translation>
    </message>
    <message>
        <source>Each rank&apos;s arithmetic stays the same by construction (n³ / p is constant). What grows is what travels: the broadcast of B and the gather of C, both n², to and from every rank. Programs that weak-scale well, like a stencil exchanging only the edges of its block, send little compared with what they compute.</source>
        <translation>Вычисления каждого ранга по построению не меняются (n³ / p постоянно). Растёт то, что пересылается: рассылка B и сбор C, оба порядка n², к каждому рангу и от него. Программы, которые хорошо масштабируются слабо, например шаблонные вычисления, обменивающиеся лишь краями своего блока, пересылают мало по сравнению с тем, что вычисляют.</translation>
    </message>
    <message>
        <source>Weak scaling: %1.</source>
        <translation>Слабая масштабируемость: %1.</translation>
    </message>
    <message>
        <source>MPI: what a message costs</source>
        <translation>MPI: сколько стоит сообщение</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every MPI program is built from messages, and every message has a price: a fixed &lt;b&gt;latency&lt;/b&gt; (the time a tiny message takes) and a &lt;b&gt;bandwidth&lt;/b&gt; (how fast a big one streams). The classic way to measure both is the &lt;b&gt;ping-pong&lt;/b&gt;: rank 0 sends a message to rank 1, which sends it straight back, a thousand times; one way is the total time divided by twice the number of round trips.&lt;/p&gt;&lt;p&gt;Open MPI chooses how the bytes travel. Between two ranks of one machine it uses &lt;b&gt;shared memory&lt;/b&gt; (its &lt;i&gt;vader&lt;/i&gt; transport): the sender copies into a segment both ranks map and the receiver, spinning, sees it at once. Between machines it uses &lt;b&gt;TCP&lt;/b&gt;, through each kernel&apos;s network stack and the wire. This demo runs the same ping-pong both ways on this machine (TCP over the loopback, so without the wire) at 8 B, 1 KiB, 64 KiB and 1 MiB.&lt;/p&gt;&lt;p&gt;Small messages cost latency, large ones bandwidth. That is why real programs send few, large messages (the farm deals chunks, not tasks), and why a program that talks a lot runs well on one machine and poorly across a lab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Любая программа MPI состоит из сообщений, и у каждого сообщения есть цена: постоянная &lt;b&gt;задержка&lt;/b&gt; (время, за которое доходит крошечное сообщение) и &lt;b&gt;пропускная способность&lt;/b&gt; (как быстро проходит большое). Классический способ измерить и то и другое — &lt;b&gt;пинг-понг&lt;/b&gt;: ранг 0 отправляет сообщение рангу 1, тот сразу отправляет его обратно, и так тысячу раз; путь в одну сторону — общее время, делённое на удвоенное число обменов.&lt;/p&gt;&lt;p&gt;Как передаются байты, решает Open MPI. Между двумя рангами одной машины он использует &lt;b&gt;общую память&lt;/b&gt; (транспорт &lt;i&gt;vader&lt;/i&gt;): отправитель копирует данные в сегмент, отображённый в оба ранга, и получатель, крутясь в цикле, сразу их видит. Между машинами он использует &lt;b&gt;TCP&lt;/b&gt; — через сетевой стек каждого ядра и провод. Эта демонстрация выполняет один и тот же пинг-понг обоими способами на этой машине (TCP через loopback, то есть без провода) для 8 Б, 1 КиБ, 64 КиБ и 1 МиБ.&lt;/p&gt;&lt;p&gt;Маленькие сообщения стоят задержки, большие — пропускной способности. Поэтому настоящие программы отправляют немного больших сообщений (ферма раздаёт пачки, а не задачи), и поэтому «болтливая» программа хорошо работает на одной машине и плохо — на целом классе.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>On the stage, the first round trip of each size is drawn as two arrows; the thousand timed ones follow without events, so that drawing them costs nothing.</source>
        <translation>На сцене первый обмен каждого размера нарисован двумя стрелками; тысяча измеряемых обменов идёт без событий, чтобы их рисование ничего не стоило.</translation>
    </message>
    <message>
        <source>Compare the 8 B lines: the latency of TCP is many times that of shared memory, even without a wire.</source>
        <translation>Сравните строки для 8 Б: задержка TCP во много раз больше, чем у общей памяти, даже без провода.</translation>
    </message>
    <message>
        <source>Compare the 1 MiB lines: at this size the time is bandwidth, and both transports come closer.</source>
        <translation>Сравните строки для 1 МиБ: при таком размере время определяет пропускная способность, и оба транспорта сближаются.</translation>
    </message>
    <message>
        <source>A program sends 10,000 messages of 8 bytes. What would make it faster across two machines?</source>
        <translation>Программа отправляет 10 000 сообщений по 8 байт. Что ускорит её на двух машинах?</translation>
    </message>
    <message>
        <source>Sending the same 80,000 bytes as a few large messages.</source>
        <translation>Отправить те же 80 000 байт несколькими большими сообщениями.</translation>
    </message>
    <message>
        <source>A faster CPU on each machine.</source>
        <translation>Более быстрый процессор на каждой машине.</translation>
    </message>
    <message>
        <source>More ranks, so that each sends fewer messages at the same time.</source>
        <translation>Больше рангов, чтобы каждый отправлял меньше сообщений одновременно.</translation>
    </message>
    <message>
        <source>Each message pays the latency once, whatever its size, and across machines the latency is tens of microseconds. 10,000 tiny messages cost 10,000 latencies; ten messages of 8 KB cost ten latencies and a little bandwidth. MPI programs batch their data for this reason.</source>
        <translation>Каждое сообщение один раз платит задержку, каков бы ни был его размер, а между машинами задержка — десятки микросекунд. 10 000 крошечных сообщений стоят 10 000 задержек; десять сообщений по 8 КБ — десять задержек и немного пропускной способности. Поэтому программы MPI объединяют данные в пакеты.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Strong scaling&lt;/b&gt; keeps the problem and adds processes: the ideal is T(1) / p, and Amdahl&apos;s law says how far the serial part lets it go. &lt;b&gt;Weak scaling&lt;/b&gt; grows the problem with the processes, so that each one keeps the work it had alone: the ideal is the &lt;i&gt;same&lt;/i&gt; wall time at every p. That is how clusters are used (a bigger grid, not the same grid sooner), and Gustafson&apos;s law measures it: the scaled speedup p · T(1) / T(p).&lt;/p&gt;&lt;p&gt;Pi weak-scales almost perfectly: with p ranks it draws p times the samples, and its only message is one &lt;code&gt;MPI_Reduce&lt;/code&gt; of a count, whatever p. A matrix product does not. Its work grows as n³, so n grows as the cube root of p (384, 484, 554 here), but &lt;code&gt;MPI_Bcast&lt;/code&gt; sends all of B, n² numbers, to &lt;i&gt;every&lt;/i&gt; rank: the data that travels grows faster than each rank&apos;s share of the work shrinks.&lt;/p&gt;&lt;p&gt;The sweep grows matmul weakly with the process pool, whose workers read A and B in shared memory, and with MPI ranks, which receive them. On one machine both lines climb about as much: the cores share one memory bus and one cache, and B no longer fits as n grows; MPI&apos;s broadcast goes through shared memory at gigabytes per second and costs a fraction of a millisecond. Across a lab it goes through the network: at n = 484, B is 1.9 MB, 15 ms for each rank on 1 Gbit/s Ethernet, as much as the whole product takes here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Сильная масштабируемость&lt;/b&gt;: задача та же, процессов больше; идеал — T(1) / p, а закон Амдала говорит, насколько далеко пускает последовательная часть. &lt;b&gt;Слабая масштабируемость&lt;/b&gt;: задача растёт вместе с числом процессов, так что у каждого остаётся та работа, что была у одного; идеал — &lt;i&gt;одинаковое&lt;/i&gt; время при каждом p. Так используют кластеры (бо́льшая сетка, а не та же сетка быстрее), и это измеряет закон Густафсона: масштабированное ускорение p · T(1) / T(p).&lt;/p&gt;&lt;p&gt;Pi масштабируется слабо почти идеально: с p рангами он бросает в p раз больше точек, а его единственное сообщение — один &lt;code&gt;MPI_Reduce&lt;/code&gt; счётчика при любом p. Произведение матриц — нет. Его работа растёт как n³, поэтому n растёт как кубический корень из p (здесь 384, 484, 554), но &lt;code&gt;MPI_Bcast&lt;/code&gt; отправляет всю B, n² чисел, &lt;i&gt;каждому&lt;/i&gt; рангу: пересылаемые данные растут быстрее, чем уменьшается доля работы каждого ранга.&lt;/p&gt;&lt;p&gt;Прогон увеличивает matmul по слабой схеме для пула процессов, чьи рабочие читают A и B в общей памяти, и для рангов MPI, которые их получают. На одной машине обе линии поднимаются примерно одинаково: ядра делят одну шину памяти и один кэш, и с ростом n матрица B в него уже не помещается; рассылка MPI идёт через общую память со скоростью гигабайты в секунду и стоит доли миллисекунды. В классе она идёт по сети: при n = 484 матрица B занимает 1,9 МБ, это 15 мс на каждый ранг по Ethernet 1 Гбит/с — столько же, сколько здесь всё произведение.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>MPI: when a rank dies</source>
        <translation>MPI: когда ранг умирает</translation>
    </message>
    <message>
        <source>&lt;p&gt;On a lab of twenty machines, one of them will fail some day: a student trips on a cable, a process runs out of memory. What happens to the run depends on who organises the processes.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;process pool&lt;/b&gt; belongs to one parent, which watches its workers. When one dies, ProcLab&apos;s pool starts another, names the task that was lost (and where it was: running, decoding, encoding) and runs on. (CPython&apos;s &lt;code&gt;multiprocessing.Pool&lt;/code&gt; waits for the lost task for ever; &lt;code&gt;concurrent.futures&lt;/code&gt; marks the whole pool broken.)&lt;/p&gt;&lt;p&gt;&lt;b&gt;MPI&lt;/b&gt; is &lt;b&gt;fail-stop&lt;/b&gt; by default: every rank may be waiting for a message from any other, so when one dies, &lt;code&gt;mpirun&lt;/code&gt; ends the whole job, and the work of every rank is lost with it. Programs that must survive checkpoint their state to disk and restart. A farm can do better, since only rank 0 depends on the others: with &lt;code&gt;mpirun --enable-recovery&lt;/code&gt; the other ranks stay up, ProcLab tells rank 0 which rank died, and rank 0 deals its chunk again. Collectives cannot survive a death in Open MPI 4.1 (that takes ULFM, in Open MPI 5).&lt;/p&gt;&lt;p&gt;The demo kills the worker that runs task 5 three times: in the pool, in an MPI farm, and in the same farm in survive mode.&lt;/p&gt;</source>
        <translation>&lt;p&gt;В классе из двадцати машин однажды одна из них откажет: ученик зацепит кабель, процессу не хватит памяти. Что станет с расчётом, зависит от того, кто управляет процессами.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Пул процессов&lt;/b&gt; принадлежит одному родителю, который следит за своими рабочими. Когда один умирает, пул ProcLab запускает другой, называет потерянную задачу (и где она была: выполнялась, декодировалась, кодировалась) и продолжает. (&lt;code&gt;multiprocessing.Pool&lt;/code&gt; в CPython ждёт потерянную задачу вечно; &lt;code&gt;concurrent.futures&lt;/code&gt; объявляет сломанным весь пул.)&lt;/p&gt;&lt;p&gt;&lt;b&gt;MPI&lt;/b&gt; по умолчанию работает по принципу &lt;b&gt;fail-stop&lt;/b&gt;: любой ранг может ждать сообщения от любого другого, поэтому, когда один умирает, &lt;code&gt;mpirun&lt;/code&gt; завершает всё задание, и работа всех рангов пропадает вместе с ним. Программы, которым нужно выживать, сохраняют состояние на диск и перезапускаются. Ферма может лучше, ведь от остальных зависит только ранг 0: с &lt;code&gt;mpirun --enable-recovery&lt;/code&gt; остальные ранги продолжают работу, ProcLab сообщает рангу 0, какой ранг умер, и ранг 0 заново раздаёт его пачку. Коллективные операции в Open MPI 4.1 смерть ранга не переживают (для этого нужен ULFM из Open MPI 5).&lt;/p&gt;&lt;p&gt;Демонстрация трижды убивает рабочего, выполняющего задачу 5: в пуле, в ферме MPI и в той же ферме в режиме выживания.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First, the pool: task 5 is named as lost with the worker&apos;s pid; the eleven other tasks complete.</source>
        <translation>Сначала пул: задача 5 названа потерянной вместе с pid рабочего; остальные одиннадцать задач завершаются.</translation>
    </message>
    <message>
        <source>Then the MPI farm: the rank is named with its host, pid and task within a fraction of a second, and the job ends with no result at all.</source>
        <translation>Затем ферма MPI: ранг назван с его машиной, pid и задачей за доли секунды, и задание завершается вовсе без результата.</translation>
    </message>
    <message>
        <source>Last, survive mode: the stage shows the dead rank&apos;s box failed, and the other rank takes task 5 again; all twelve results are checked.</source>
        <translation>Наконец режим выживания: на сцене блок умершего ранга помечен сбоем, а другой ранг заново берёт задачу 5; все двенадцать результатов проверены.</translation>
    </message>
    <message>
        <source>Why does MPI end the whole job when one rank dies?</source>
        <translation>Почему MPI завершает всё задание, когда умирает один ранг?</translation>
    </message>
    <message>
        <source>Any rank may be waiting for a message from the dead one, in a call that would never return.</source>
        <translation>Любой ранг может ждать сообщения от умершего — в вызове, который никогда не вернётся.</translation>
    </message>
    <message>
        <source>To free the dead rank&apos;s memory on the other machines.</source>
        <translation>Чтобы освободить память умершего ранга на других машинах.</translation>
    </message>
    <message>
        <source>Because the other ranks share its address space.</source>
        <translation>Потому что остальные ранги делят с ним адресное пространство.</translation>
    </message>
    <message>
        <source>An MPI program is a set of peers that message each other, often in collectives that need every rank. A rank that waits for a dead one would wait for ever, so the safe default is to stop everything. A farm is the exception that proves the rule: only its dealer waits for the others, so the dealer can be told and carry on.</source>
        <translation>Программа MPI — это набор равноправных процессов, обменивающихся сообщениями, часто в коллективных операциях, которым нужен каждый ранг. Ранг, ждущий умершего, ждал бы вечно, поэтому безопасное поведение по умолчанию — остановить всё. Ферма — исключение, подтверждающее правило: других ждёт только раздающий, поэтому его можно предупредить, и он продолжит.</translation>
    </message>
    <message>
        <source>The breakdown (under the plot when there is room, and in the plot&apos;s Breakdown view, Ctrl+4) splits p × time into useful work, pool start-up, the serial part, dispatch and results, waiting and imbalance. Only useful work scales: the taller the other parts grow with p, the further the point falls from the ideal, and the Karp–Flatt metric rises with them. Hover a bar to read its numbers.</source>
        <translation>Разбивка (под графиком, когда хватает места, и в виде «Разбивка», Ctrl+4) делит p × время на полезную работу, запуск пула, последовательную часть, раздачу и результаты, ожидание и дисбаланс. Масштабируется только полезная работа: чем выше с ростом p остальные части, тем дальше точка от идеала, и метрика Карпа–Флэтта растёт вместе с ними. Наведите мышь на столбец, чтобы увидеть числа.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: thousands of cheap tasks sent one at a time, &lt;code&gt;pool.map(f, xs, chunksize=1)&lt;/code&gt; or one &lt;code&gt;apply_async&lt;/code&gt; per item. Each task travels to a worker and its result travels back: tens of microseconds of pickling, pipes and waking up, for a task of a few microseconds.&lt;/p&gt;&lt;p&gt;The fix: send the tasks in chunks, so one trip carries hundreds of them. &lt;code&gt;Pool.map&lt;/code&gt; does it when you leave &lt;code&gt;chunksize&lt;/code&gt; out; &lt;code&gt;imap&lt;/code&gt; and &lt;code&gt;apply_async&lt;/code&gt; do not.&lt;/p&gt;&lt;p&gt;The experiment runs 40,000 tasks of one microsecond of CPU each, with chunksize 1 and with Python&apos;s default. Look at the plot&apos;s &lt;b&gt;Breakdown&lt;/b&gt; view (Ctrl+4), which puts both series side by side: with chunksize 1 the &lt;b&gt;dispatch and results&lt;/b&gt; part dwarfs the useful work.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ошибка: тысячи дешёвых задач, отправленных по одной, &lt;code&gt;pool.map(f, xs, chunksize=1)&lt;/code&gt; или по &lt;code&gt;apply_async&lt;/code&gt; на каждый элемент. Каждая задача едет к рабочему процессу, а её результат — обратно: десятки микросекунд сериализации, каналов и пробуждений ради задачи в несколько микросекунд.&lt;/p&gt;&lt;p&gt;Исправление: отправлять задачи порциями, чтобы одна пересылка несла сотни задач. &lt;code&gt;Pool.map&lt;/code&gt; делает так, если не указать &lt;code&gt;chunksize&lt;/code&gt;; &lt;code&gt;imap&lt;/code&gt; и &lt;code&gt;apply_async&lt;/code&gt; — нет.&lt;/p&gt;&lt;p&gt;Эксперимент выполняет 40 000 задач по одной микросекунде процессорного времени с chunksize 1 и со значением Python по умолчанию. Откройте вид графика &lt;b&gt;«Разбивка»&lt;/b&gt; (Ctrl+4), где обе серии стоят рядом: при chunksize 1 часть &lt;b&gt;раздача и результаты&lt;/b&gt; намного больше полезной работы.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Second run, 1 MiB: both ranks stay &quot;spinning in MPI_Send&quot;; after about three seconds (two of waiting, one to check that both ranks really spin on a CPU) the cycle is printed and the job stopped.</source>
        <translation>Второй запуск, 1 МиБ: оба ранга остаются «крутятся в MPI_Send»; примерно через три секунды (две ожидания и одна на проверку, что оба ранга действительно крутятся на процессоре) цикл выводится, а задание останавливается.</translation>
    </message>
</context>
<context>
    <name>SettingsStorage</name>
    <message>
        <source>%1 cannot be written: settings, overlays and answers will not be saved.</source>
        <translation>Нет доступа на запись к %1: настройки, наложения и ответы не будут сохранены.</translation>
    </message>
    <message>
        <source>HOME is not set: settings, overlays and answers will not be saved.</source>
        <translation>Переменная HOME не задана: настройки, наложения и ответы не будут сохранены.</translation>
    </message>
</context>
<context>
    <name>proclab::Activity</name>
    <message>
        <source>starting</source>
        <translation>стартует</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>простаивает</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>ждёт блокировку</translation>
    </message>
    <message>
        <source>blocked on a queue</source>
        <translation>ждёт очередь</translation>
    </message>
    <message>
        <source>blocked on a pipe</source>
        <translation>ждёт канал</translation>
    </message>
    <message>
        <source>waiting (barrier, event, condition)</source>
        <translation>ждёт (барьер, событие, условие)</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>spinning in MPI</source>
        <translation>крутится в MPI</translation>
    </message>
    <message>
        <source>MPI_Recv from any rank</source>
        <translation>MPI_Recv от любого ранга</translation>
    </message>
    <message>
        <source>MPI_Recv from rank %1</source>
        <translation>MPI_Recv от ранга %1</translation>
    </message>
    <message>
        <source>MPI_Send to rank %1</source>
        <translation>MPI_Send рангу %1</translation>
    </message>
</context>
<context>
    <name>proclab::CentralArea</name>
    <message>
        <source>Stage</source>
        <translation>Сцена</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>Масштабируемость</translation>
    </message>
</context>
<context>
    <name>proclab::CodeView</name>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>ProcLab (C++)</source>
        <translation>ProcLab (C++)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the Python program to the clipboard</source>
        <translation>Скопировать программу на Python в буфер обмена</translation>
    </message>
    <message>
        <source>Copy the C++ call to the clipboard</source>
        <translation>Скопировать вызов C++ в буфер обмена</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 4 MB: not a script to edit here</source>
        <translation>%1 больше 4 МБ: такой скрипт здесь не редактируют</translation>
    </message>
    <message>
        <source>Your script: %1</source>
        <translation>Ваш скрипт: %1</translation>
    </message>
    <message>
        <source>Nothing to save: this is a lesson&apos;s program (Copy takes it)</source>
        <translation>Нечего сохранять: это программа урока (её берёт «Копировать»)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Не удаётся сохранить %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Run this Python for real</source>
        <translation>Запустить этот Python по-настоящему</translation>
    </message>
    <message>
        <source>Run my script</source>
        <translation>Запустить мой скрипт</translation>
    </message>
    <message>
        <source>Run this program under real CPython, its processes, tasks, queues and locks shown live on the Stage</source>
        <translation>Запустить программу в настоящем CPython: её процессы, задачи, очереди и блокировки видны на сцене вживую</translation>
    </message>
    <message>
        <source>Save it if changed, then run it under real CPython, shown live on the Stage</source>
        <translation>Сохранить, если изменён, и запустить в настоящем CPython, вживую на сцене</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the script (Ctrl+S)</source>
        <translation>Сохранить скрипт (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>proclab::ConsoleView</name>
    <message>
        <source>%1 processes</source>
        <translation>процессов: %1</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>Копировать &amp;всё</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Очистить</translation>
    </message>
    <message>
        <source>More than %L1 events: the rest of this run is drawn live but not kept for replay or saving.</source>
        <translation>Больше %L1 событий: остаток запуска рисуется вживую, но не сохраняется для повтора и записи в файл.</translation>
    </message>
</context>
<context>
    <name>proclab::ExperimentPanel</name>
    <message>
        <source>process pool</source>
        <translation>пул процессов</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>потоки</translation>
    </message>
    <message>
        <source>threads sharing a GIL</source>
        <translation>потоки с общим GIL</translation>
    </message>
    <message>
        <source>serial loop</source>
        <translation>последовательный цикл</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <source>the workload once, animated</source>
        <translation>нагрузку один раз (анимация)</translation>
    </message>
    <message>
        <source>One run on the Stage and the Timeline: watch the workers take tasks</source>
        <translation>Один запуск на Сцене и Временной шкале: смотрите, как рабочие процессы берут задачи</translation>
    </message>
    <message>
        <source>a tutorial demo, animated</source>
        <translation>пример из учебника (анимация)</translation>
    </message>
    <message>
        <source>One of the tutorials&apos; examples on real processes</source>
        <translation>Один из примеров учебника на настоящих процессах</translation>
    </message>
    <message>
        <source>a scaling sweep of the workload</source>
        <translation>замеры масштабируемости</translation>
    </message>
    <message>
        <source>Wall time for p = 1 … max processes, plotted as it is measured</source>
        <translation>Время выполнения для p = 1 … максимум процессов, график строится по мере измерений</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>&amp;Запустить:</translation>
    </message>
    <message>
        <source>&amp;Demo:</source>
        <translation>&amp;Демо:</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>&amp;Workload:</source>
        <translation>&amp;Нагрузка:</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Выполнение</translation>
    </message>
    <message>
        <source>The sweep measures p = 1, 2, … up to this many processes.
CPU cores on this machine: %1.</source>
        <translation>Серия замеров измеряет p = 1, 2, … вплоть до этого числа процессов.
Ядер CPU на этой машине: %1.</translation>
    </message>
    <message>
        <source>Max &amp;processes:</source>
        <translation>&amp;Макс. процессов:</translation>
    </message>
    <message>
        <source>A pool of worker processes, as multiprocessing.Pool</source>
        <translation>Пул рабочих процессов, как multiprocessing.Pool</translation>
    </message>
    <message>
        <source>Threads without a GIL, as in C++ (or free-threaded Python)</source>
        <translation>Потоки без GIL, как в C++ (или в Python без GIL)</translation>
    </message>
    <message>
        <source>Threads that must hold one global interpreter lock to compute, as CPython&apos;s</source>
        <translation>Потоки, которым для вычислений нужна единая глобальная блокировка интерпретатора, как в CPython</translation>
    </message>
    <message>
        <source>One plain loop: the baseline</source>
        <translation>Простой цикл: точка отсчёта</translation>
    </message>
    <message>
        <source>One series per checked executor</source>
        <translation>По серии на каждый отмеченный исполнитель</translation>
    </message>
    <message>
        <source>E&amp;xecutors:</source>
        <translation>&amp;Исполнители:</translation>
    </message>
    <message>
        <source>Each worker is a freshly exec&apos;d program</source>
        <translation>Каждый рабочий процесс — заново запущенная через exec программа</translation>
    </message>
    <message>
        <source>A clean server process forks each worker</source>
        <translation>Чистый серверный процесс порождает каждый рабочий процесс через fork</translation>
    </message>
    <message>
        <source>How worker processes start (process executor only)</source>
        <translation>Как стартуют рабочие процессы (только для исполнителя process)</translation>
    </message>
    <message>
        <source>Start &amp;method:</source>
        <translation>Метод с&amp;тарта:</translation>
    </message>
    <message>
        <source>dynamic (workers pull)</source>
        <translation>динамическое (берут сами)</translation>
    </message>
    <message>
        <source>Each worker takes the next chunk when it is free, as Python does</source>
        <translation>Каждый рабочий процесс берёт следующую порцию, как только освободится, как в Python</translation>
    </message>
    <message>
        <source>static (round robin)</source>
        <translation>статическое (по кругу)</translation>
    </message>
    <message>
        <source>Chunks are dealt out in turn before the run starts</source>
        <translation>Порции раздаются по очереди до начала запуска</translation>
    </message>
    <message>
        <source>Sc&amp;heduling:</source>
        <translation>&amp;Планирование:</translation>
    </message>
    <message>
        <source>Tasks sent to a worker at a time; a list such as &quot;1, 10, 100&quot; gives one series each. Auto: ceil(tasks / (4 × workers)), as Pool.map does</source>
        <translation>Сколько задач отправляется рабочему процессу за раз; список вида «1, 10, 100» даёт по серии на значение. Auto: ceil(tasks / (4 × workers)), как в Pool.map</translation>
    </message>
    <message>
        <source>Chunksi&amp;zes:</source>
        <translation>Chunksi&amp;zes:</translation>
    </message>
    <message>
        <source>A parameter to sweep as the problem size: one series per value</source>
        <translation>Параметр, меняемый как размер задачи: по серии на значение</translation>
    </message>
    <message>
        <source>e.g. 128, 256, 512</source>
        <translation>напр. 128, 256, 512</translation>
    </message>
    <message>
        <source>Prob&amp;lem size:</source>
        <translation>&amp;Размер задачи:</translation>
    </message>
    <message>
        <source>Runs per point: the plot shows their median and their spread</source>
        <translation>Запусков на точку: график показывает их медиану и разброс</translation>
    </message>
    <message>
        <source>Repea&amp;ts per point:</source>
        <translation>Повт&amp;оров на точку:</translation>
    </message>
    <message>
        <source>Warm-&amp;up run first (not recorded)</source>
        <translation>Сначала про&amp;грев (без записи)</translation>
    </message>
    <message>
        <source>One run at p = 1 before measuring, so caches are warm for the first point</source>
        <translation>Один запуск при p = 1 перед измерениями, чтобы кэши были прогреты уже для первой точки</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>Запустить серию</translation>
    </message>
    <message>
        <source>Measure p = 1 … max processes (Ctrl+R)</source>
        <translation>Измерить p = 1 … максимум процессов (Ctrl+R)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stop after the measurement under way (Esc)</source>
        <translation>Остановить после текущего измерения (Esc)</translation>
    </message>
    <message>
        <source>Worker processes in the pool (for a demo: where it has a choice).
CPU cores on this machine: %1.</source>
        <translation>Рабочие процессы в пуле (для демонстрации — где у неё есть выбор).
Ядер CPU на этой машине: %1.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>Про&amp;цессы:</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> против </translation>
    </message>
    <message>
        <source>%1 scheduling</source>
        <translation>планирование %1</translation>
    </message>
    <message>
        <source>chunksizes %1</source>
        <translation>chunksizes %1</translation>
    </message>
    <message>
        <source>chunksize %1</source>
        <translation>chunksize %1</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>median of %1 runs</source>
        <translation>медиана %1 запусков</translation>
    </message>
    <message>
        <source>1 run per point</source>
        <translation>1 запуск на точку</translation>
    </message>
    <message>
        <source>my Python script, animated</source>
        <translation>мой скрипт Python, с анимацией</translation>
    </message>
    <message>
        <source>Your own multiprocessing program under real CPython: its processes, tasks, queues and locks, live</source>
        <translation>Ваша собственная программа multiprocessing в настоящем CPython: её процессы, задачи, очереди и блокировки вживую</translation>
    </message>
    <message>
        <source>a scaling sweep of my Python script</source>
        <translation>серия замеров моего скрипта Python</translation>
    </message>
    <message>
        <source>Your script at p = 1 … max processes: os.cpu_count() and Pool() without an argument see p</source>
        <translation>Ваш скрипт при p = 1 … макс. процессов: os.cpu_count() и Pool() без аргумента видят p</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Скрипт Python</translation>
    </message>
    <message>
        <source>a .py file (File → Open Python Script…)</source>
        <translation>файл .py (Файл → Открыть скрипт Python…)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Choose a Python script (it opens in the Code panel, where you can edit and save it)</source>
        <translation>Выбрать скрипт Python (он откроется в панели кода, где его можно править и сохранять)</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>&amp;Скрипт:</translation>
    </message>
    <message>
        <source>sys.argv[1:], split as a shell splits them (quotes keep words together)</source>
        <translation>sys.argv[1:], разделённые как в оболочке (кавычки объединяют слова)</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Аргументы:</translation>
    </message>
    <message>
        <source>python3 on PATH, another name on PATH, or a path: a virtual environment&apos;s bin/python</source>
        <translation>python3 из PATH, другое имя из PATH или путь: bin/python виртуального окружения</translation>
    </message>
    <message>
        <source>&amp;Interpreter:</source>
        <translation>&amp;Интерпретатор:</translation>
    </message>
    <message>
        <source>the script&apos;s choice</source>
        <translation>на выбор скрипта</translation>
    </message>
    <message>
        <source>Whatever the script asks for (set_start_method, get_context), else Python&apos;s default</source>
        <translation>Что просит скрипт (set_start_method, get_context), иначе выбор Python по умолчанию</translation>
    </message>
    <message>
        <source>not a Python interpreter</source>
        <translation>это не интерпретатор Python</translation>
    </message>
    <message>
        <source>not found: install python3, or give a path</source>
        <translation>не найден: установите python3 или укажите путь</translation>
    </message>
    <message>
        <source>asking %1…</source>
        <translation>опрашиваем %1…</translation>
    </message>
    <message>
        <source>What os.cpu_count() answers in the script: Pool() and ProcessPoolExecutor() without an argument start this many workers.
CPU cores on this machine: %1.</source>
        <translation>Что отвечает os.cpu_count() в скрипте: Pool() и ProcessPoolExecutor() без аргумента запускают столько рабочих процессов.
Ядер процессора на этой машине: %1.</translation>
    </message>
    <message>
        <source>cpu_count() &amp;=</source>
        <translation>cpu_count() &amp;=</translation>
    </message>
    <message>
        <source>python %1</source>
        <translation>python %1</translation>
    </message>
    <message>
        <source>the script&apos;s start method</source>
        <translation>способ запуска скрипта</translation>
    </message>
    <message>
        <source>MPI ranks, static blocks (mpi-spmd)</source>
        <translation>ранги MPI, статичные блоки (mpi-spmd)</translation>
    </message>
    <message>
        <source>MPI ranks, rank 0 deals (mpi-farm)</source>
        <translation>ранги MPI, ранг 0 раздаёт (mpi-farm)</translation>
    </message>
    <message>
        <source>MPI ranks under Open MPI&apos;s mpirun: each rank computes a block of the tasks, then MPI_Reduce and MPI_Gatherv bring the results to rank 0 (--hosts FILE spreads them over machines)</source>
        <translation>Ранги MPI под mpirun из Open MPI: каждый ранг считает свой блок задач, затем MPI_Reduce и MPI_Gatherv собирают результаты на ранге 0 (--hosts ФАЙЛ распределяет их по машинам)</translation>
    </message>
    <message>
        <source>MPI ranks under Open MPI&apos;s mpirun: rank 0 deals chunks over MPI_Send/MPI_Recv to whichever rank asks, as the Pool schedules dynamically (--hosts FILE spreads them over machines)</source>
        <translation>Ранги MPI под mpirun из Open MPI: ранг 0 раздаёт пакеты через MPI_Send/MPI_Recv тому рангу, который просит, как динамическое планирование Pool (--hosts ФАЙЛ распределяет их по машинам)</translation>
    </message>
    <message>
        <source>Strong scaling: the same problem at every p, the ideal is T(1) / p. Weak scaling: the problem grows with p so each process keeps the work it had at p = 1, the ideal is the same wall time at every p (Gustafson)</source>
        <translation>Сильная: одна и та же задача при каждом p, идеал — T(1) / p. Слабая: задача растёт с p, так что у каждого процесса остаётся работа, что была при p = 1, идеал — одинаковое время при каждом p (Густафсон)</translation>
    </message>
    <message>
        <source>Scali&amp;ng:</source>
        <translation>Масш&amp;табируемость:</translation>
    </message>
    <message>
        <source>strong: the same problem at every p</source>
        <translation>сильная: одна и та же задача при каждом p</translation>
    </message>
    <message>
        <source>weak: %1</source>
        <translation>слабая: %1</translation>
    </message>
    <message>
        <source>weak scaling: %1</source>
        <translation>слабая масштабируемость: %1</translation>
    </message>
</context>
<context>
    <name>proclab::Format</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>proclab::HostsPanel</name>
    <message>
        <source>&amp;Hostfile:</source>
        <translation>&amp;Файл хостов:</translation>
    </message>
    <message>
        <source>none: MPI ranks run on this machine</source>
        <translation>нет: ранги MPI работают на этой машине</translation>
    </message>
    <message>
        <source>An Open MPI hostfile, one machine per line: &quot;pc07 slots=4&quot;. proclab-mpi-worker must be installed at the same path on every machine.</source>
        <translation>Файл хостов Open MPI, по машине в строке: «pc07 slots=4». proclab-mpi-worker должен быть установлен по одному и тому же пути на каждой машине.</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Обзор...</translation>
    </message>
    <message>
        <source>Remote &amp;shell:</source>
        <translation>&amp;Удалённая оболочка:</translation>
    </message>
    <message>
        <source>ssh</source>
        <translation>ssh</translation>
    </message>
    <message>
        <source>What mpirun runs to reach the other machines (its plm_rsh_agent); empty: ssh</source>
        <translation>Что mpirun запускает, чтобы достучаться до других машин (его plm_rsh_agent); пусто: ssh</translation>
    </message>
    <message>
        <source>&amp;Check hosts</source>
        <translation>&amp;Проверить хосты</translation>
    </message>
    <message>
        <source>Ask every host at once, as an MPI run would: is it reachable, does it have the worker, can it connect back to this machine?</source>
        <translation>Опросить все хосты сразу, как это сделал бы запуск MPI: доступен ли хост, есть ли на нём worker, может ли он подключиться обратно к этой машине?</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>Слоты</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>What it said</source>
        <translation>Что он ответил</translation>
    </message>
    <message>
        <source>Open MPI hostfile</source>
        <translation>Файл хостов Open MPI</translation>
    </message>
    <message>
        <source>MPI runs: every rank on this machine.</source>
        <translation>Запуски MPI: все ранги на этой машине.</translation>
    </message>
    <message>
        <source>MPI runs keep the previous hosts.</source>
        <translation>Запуски MPI сохраняют прежние хосты.</translation>
    </message>
    <message>
        <source>MPI runs: ranks on these hosts, connecting back to %1 (this machine).</source>
        <translation>Запуски MPI: ранги на этих хостах подключаются обратно к %1 (эта машина).</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>не проверен</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s), %1 slot(s) in all.</source>
        <translation>
            <numerusform>%n хост, всего слотов: %1.</numerusform>
            <numerusform>%n хоста, всего слотов: %1.</numerusform>
            <numerusform>%n хостов, всего слотов: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>ready</source>
        <translation>готов</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>no worker</source>
        <translation>нет worker</translation>
    </message>
    <message>
        <source>cannot reach this machine</source>
        <translation>не достаёт до этой машины</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>runs as %1, %2 (%3 s)</source>
        <translation>работает как %1, %2 (%3 с)</translation>
    </message>
    <message>
        <source>checking...</source>
        <translation>проверка...</translation>
    </message>
    <message>
        <source>Asking every host at once...</source>
        <translation>Опрос всех хостов сразу...</translation>
    </message>
    <message>
        <source>Checking the MPI hosts of %1</source>
        <translation>Проверка хостов MPI из %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n host(s) ready, %2 slot(s) for MPI ranks.</source>
        <translation>
            <numerusform>Готово %1 из %n хоста, слотов для рангов MPI: %2.</numerusform>
            <numerusform>Готово %1 из %n хостов, слотов для рангов MPI: %2.</numerusform>
            <numerusform>Готово %1 из %n хостов, слотов для рангов MPI: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>A farm r&amp;uns on when a rank dies</source>
        <translation>Ферма прод&amp;олжает работу, когда ранг умирает</translation>
    </message>
    <message>
        <source>mpi-farm only: rank 0 deals a dead rank&apos;s chunk to the others (mpirun --enable-recovery). Off: MPI is fail-stop, the whole job ends (MPI&apos;s default).</source>
        <translation>Только mpi-farm: ранг 0 раздаёт пачку умершего ранга остальным (mpirun --enable-recovery). Выключено: MPI работает по принципу fail-stop, всё задание завершается (поведение MPI по умолчанию).</translation>
    </message>
</context>
<context>
    <name>proclab::LessonController</name>
    <message>
        <source>Cannot run lesson %1: %2</source>
        <translation>Не удаётся запустить урок %1: %2</translation>
    </message>
    <message>
        <source>▶ Lesson %1: %2</source>
        <translation>▶ Урок %1: %2</translation>
    </message>
    <message>
        <source>✔ The lesson&apos;s experiment is done. See what to notice, then answer the question.</source>
        <translation>✔ Эксперимент урока завершён. Посмотрите, на что обратить внимание, и ответьте на вопрос.</translation>
    </message>
    <message>
        <source>✘ The lesson&apos;s experiment did not complete: see the log above.</source>
        <translation>✘ Эксперимент урока не завершился: смотрите журнал выше.</translation>
    </message>
    <message>
        <source>p = %1: %2 involuntary context switches in the workers</source>
        <translation>p = %1: вынужденных переключений контекста в рабочих процессах: %2</translation>
    </message>
</context>
<context>
    <name>proclab::LessonView</name>
    <message>
        <source>Run the experiment</source>
        <translation>Запустить эксперимент</translation>
    </message>
    <message>
        <source>Start this lesson&apos;s experiment on real processes</source>
        <translation>Запустить эксперимент этого урока на настоящих процессах</translation>
    </message>
    <message>
        <source>What to notice</source>
        <translation>На что обратить внимание</translation>
    </message>
    <message>
        <source>Check your understanding</source>
        <translation>Проверьте себя</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Answered right</source>
        <translation>Дан верный ответ</translation>
    </message>
    <message>
        <source>Answered, not yet right</source>
        <translation>Ответ дан, но пока неверный</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>Ответа ещё нет</translation>
    </message>
    <message>
        <source>%1 of %2 lessons answered right</source>
        <translation>Верно отвечено уроков: %1 из %2</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Верно.</translation>
    </message>
    <message>
        <source>Not quite. The right answer: %1</source>
        <translation>Не совсем. Правильный ответ: %1</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>L&amp;essons</source>
        <translation>&amp;Уроки</translation>
    </message>
    <message>
        <source>&amp;Run the Lesson&apos;s Experiment</source>
        <translation>&amp;Запустить эксперимент урока</translation>
    </message>
    <message>
        <source>&amp;Next Lesson</source>
        <translation>&amp;Следующий урок</translation>
    </message>
    <message>
        <source>&amp;Previous Lesson</source>
        <translation>&amp;Предыдущий урок</translation>
    </message>
    <message>
        <source>Classic mistake: %1</source>
        <translation>Типичная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>proclab::LogView</name>
    <message>
        <source>A line per run: time, workers, verification. Worker output appears here too.</source>
        <translation>Строка на запуск: время, рабочие процессы, проверка. Здесь же появляется вывод рабочих процессов.</translation>
    </message>
</context>
<context>
    <name>proclab::MainWindow</name>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Урок %1: %2</translation>
    </message>
    <message>
        <source>ProcLab</source>
        <translation>ProcLab</translation>
    </message>
    <message>
        <source>Ready. Choose a workload or a demo and press Run (F5). CPU cores on this machine: %1.</source>
        <translation>Готово. Выберите нагрузку или демонстрацию и нажмите «Запустить» (F5). Ядер CPU на этой машине: %1.</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Эксперимент</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Результаты</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Временная шкала</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Консоль</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Запустить</translation>
    </message>
    <message>
        <source>Run the workload or the demo, or the sweep, as the experiment panel says (F5)</source>
        <translation>Запустить нагрузку, демонстрацию или серию, как задано на панели эксперимента (F5)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <source>Stop the run: its workers are terminated (Esc)</source>
        <translation>Остановить запуск: его рабочие процессы будут завершены (Esc)</translation>
    </message>
    <message>
        <source>&amp;Kill Worker</source>
        <translation>&amp;Убить процесс</translation>
    </message>
    <message>
        <source>SIGKILL the worker selected on the stage, to see what happens (Del)</source>
        <translation>Послать SIGKILL рабочему процессу, выбранному на сцене, и посмотреть, что будет (Del)</translation>
    </message>
    <message>
        <source> ms per task</source>
        <translation> ms на задачу</translation>
    </message>
    <message>
        <source>no pace</source>
        <translation>без темпа</translation>
    </message>
    <message>
        <source>Pace: every worker really waits this long before each pool task, so that a run moves at a speed people can follow</source>
        <translation>Темп: каждый рабочий процесс действительно ждёт столько перед каждой задачей пула, чтобы запуск шёл со скоростью, за которой можно уследить</translation>
    </message>
    <message>
        <source>Reset &amp;Parameters to Defaults</source>
        <translation>&amp;Сбросить параметры</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Presenter Mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Large fonts and thick lines for a projector</source>
        <translation>Крупные шрифты и толстые линии для проектора</translation>
    </message>
    <message>
        <source>Go to &amp;Results</source>
        <translation>Перейти к &amp;результатам</translation>
    </message>
    <message>
        <source>Go to &amp;Log</source>
        <translation>Перейти к &amp;журналу</translation>
    </message>
    <message>
        <source>Go to &amp;Experiment</source>
        <translation>Перейти к &amp;эксперименту</translation>
    </message>
    <message>
        <source>&amp;About ProcLab</source>
        <translation>&amp;О программе ProcLab</translation>
    </message>
    <message>
        <source>About ProcLab</source>
        <translation>О программе ProcLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ProcLab %1&lt;/h3&gt;&lt;p&gt;A laboratory for process-based parallelism.&lt;/p&gt;&lt;p&gt;Every point on the plot is a real run: real worker processes (their pids are in the results table), timed by the engine and checked against a serial computation.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ProcLab %1&lt;/h3&gt;&lt;p&gt;Лаборатория параллелизма на процессах.&lt;/p&gt;&lt;p&gt;Каждая точка графика — настоящий запуск: настоящие рабочие процессы (их pid есть в таблице результатов), время замерено движком, результат сверен с последовательным вычислением.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>E&amp;xperiment</source>
        <translation>&amp;Эксперимент</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Pa&amp;nels</source>
        <translation>Па&amp;нели</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <source>  Pace: </source>
        <translation>  Темп: </translation>
    </message>
    <message>
        <source>  Speed: </source>
        <translation>  Скорость: </translation>
    </message>
    <message>
        <source>%1: %2 against processes</source>
        <translation>%1: %2 от числа процессов</translation>
    </message>
    <message>
        <source>What the processes of a run print, with their pids.</source>
        <translation>Что печатают процессы запуска, с их pid.</translation>
    </message>
    <message>
        <source>MPI Hosts</source>
        <translation>Хосты MPI</translation>
    </message>
    <message>
        <source>Check MPI &amp;Hosts</source>
        <translation>Проверить &amp;хосты MPI</translation>
    </message>
    <message>
        <source>Choose the machines MPI ranks run on, and ask each whether it is ready</source>
        <translation>Выбрать машины, на которых работают ранги MPI, и спросить у каждой, готова ли она</translation>
    </message>
</context>
<context>
    <name>proclab::ParameterForm</name>
    <message>
        <source>%1 to %2</source>
        <translation>от %1 до %2</translation>
    </message>
    <message>
        <source>Range: %1. Default: %2.</source>
        <translation>Диапазон: %1. По умолчанию: %2.</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>По умолчанию: %1</translation>
    </message>
</context>
<context>
    <name>proclab::PlaybackControls</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>Повто&amp;р</translation>
    </message>
    <message>
        <source>Pause or resume the animation; the processes go on (Space)</source>
        <translation>Приостановить или продолжить анимацию; процессы продолжают работать (Space)</translation>
    </message>
    <message>
        <source>Pause, and show the next event (. or F10)</source>
        <translation>Пауза и показ следующего события (. или F10)</translation>
    </message>
    <message>
        <source>Play the last run again from its start, at the chosen speed (Ctrl+Shift+R)</source>
        <translation>Воспроизвести последний запуск с начала с выбранной скоростью (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Replay speed: real time down to a thousand times slower</source>
        <translation>Скорость воспроизведения: от реального времени до замедления в тысячу раз</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>запусков ещё не было</translation>
    </message>
    <message>
        <source>live  %1</source>
        <translation>вживую  %1</translation>
    </message>
    <message>
        <source>replay at %1  %2 of %3</source>
        <translation>повтор на %1  %2 из %3</translation>
    </message>
    <message>
        <source>paused  %1 of %2 · event %L3 of %L4</source>
        <translation>пауза  %1 из %2 · событие %L3 из %L4</translation>
    </message>
    <message>
        <source> · %L1 events not kept</source>
        <translation> · не сохранено событий: %L1</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Пуск</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Продол&amp;жить</translation>
    </message>
</context>
<context>
    <name>proclab::RunController</name>
    <message>
        <source>unknown workload &apos;%1&apos;</source>
        <translation>неизвестная нагрузка «%1»</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Запуск невозможен: %1</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Невозможно запустить %1: %2</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>Выполняется %1…</translation>
    </message>
    <message>
        <source>Stopping: the run&apos;s workers are being terminated…</source>
        <translation>Остановка: рабочие процессы запуска завершаются…</translation>
    </message>
    <message>
        <source>▶ %1</source>
        <translation>▶ %1</translation>
    </message>
    <message>
        <source>Done: demo %1 in %2.</source>
        <translation>Готово: демонстрация %1 за %2.</translation>
    </message>
    <message>
        <source>Done in %1: %2 · %3</source>
        <translation>Готово за %1: %2 · %3</translation>
    </message>
    <message>
        <source>verified (%1)</source>
        <translation>проверено (%1)</translation>
    </message>
    <message>
        <source>NOT VERIFIED (%1)</source>
        <translation>НЕ ПРОВЕРЕНО (%1)</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>Stopped after %1; every process of the run has ended.</source>
        <translation>Остановлено через %1; все процессы запуска завершились.</translation>
    </message>
    <message>
        <source>■ Stopped by the user after %1.</source>
        <translation>■ Остановлено пользователем через %1.</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Запуск не удался: %1</translation>
    </message>
    <message>
        <source>✘ The run failed: %1</source>
        <translation>✘ Запуск не удался: %1</translation>
    </message>
    <message>
        <source>(%L1 console writes beyond %L2 were shown but not kept for saving)</source>
        <translation>(записи в консоль сверх %L2, всего %L1, показаны, но не сохранены для записи в файл)</translation>
    </message>
    <message>
        <source>Nothing to kill: no run is under way.</source>
        <translation>Нечего убивать: ничего не запущено.</translation>
    </message>
    <message>
        <source>Select a worker on the stage first (click its box), then press Del.</source>
        <translation>Сначала выберите рабочий процесс на сцене (щёлкните по его блоку), затем нажмите Del.</translation>
    </message>
    <message>
        <source>Not killed: %1</source>
        <translation>Не убит: %1</translation>
    </message>
    <message>
        <source>✖ SIGKILL sent to %1</source>
        <translation>✖ SIGKILL отправлен %1</translation>
    </message>
    <message>
        <source>SIGKILL sent to %1: watch what the run does without it.</source>
        <translation>SIGKILL отправлен %1: посмотрите, что запуск будет делать без него.</translation>
    </message>
    <message>
        <source>Done: %1 in %2 (%3).</source>
        <translation>Готово: %1 за %2 (%3).</translation>
    </message>
    <message>
        <source>The probe: %1</source>
        <translation>Зонд: %1</translation>
    </message>
</context>
<context>
    <name>proclab::RunFile</name>
    <message>
        <source>Save &amp;Run…</source>
        <translation>&amp;Сохранить запуск…</translation>
    </message>
    <message>
        <source>&amp;Open Run…</source>
        <translation>&amp;Открыть запуск…</translation>
    </message>
    <message>
        <source>Export &amp;Chrome Trace…</source>
        <translation>Экспорт трассы &amp;Chrome…</translation>
    </message>
    <message>
        <source>Save the last run (events, processes, console, settings) to replay later</source>
        <translation>Сохранить последний запуск (события, процессы, консоль, настройки), чтобы воспроизвести его позже</translation>
    </message>
    <message>
        <source>The last run as Chrome Trace Event JSON, for Perfetto or chrome://tracing</source>
        <translation>Последний запуск в формате JSON Chrome Trace Event для Perfetto или chrome://tracing</translation>
    </message>
    <message>
        <source>There is no run to save yet: run a workload or a demo first.</source>
        <translation>Сохранять пока нечего: сначала запустите нагрузку или демонстрацию.</translation>
    </message>
    <message>
        <source>Stop the run under way first.</source>
        <translation>Сначала остановите текущий запуск.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Открыт %1</translation>
    </message>
    <message>
        <source>Opened a recorded run (%L1 events). Replay (Ctrl+Shift+R) plays it again; Step (.) goes event by event.</source>
        <translation>Открыт записанный запуск (событий: %L1). «Повтор» (Ctrl+Shift+R) проигрывает его заново; «Шаг» (.) идёт по одному событию.</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>Сохранить запуск</translation>
    </message>
    <message>
        <source>ProcLab run (*.proclab.json *.json)</source>
        <translation>Запуск ProcLab (*.proclab.json *.json)</translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>Запуск сохранён в %1</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Открыть запуск</translation>
    </message>
    <message>
        <source>ProcLab run (*.proclab.json *.json);;All files (*)</source>
        <translation>Запуск ProcLab (*.proclab.json *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>Не удалось открыть %1:
%2</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>Экспортировать пока нечего.</translation>
    </message>
    <message>
        <source>Export Chrome Trace</source>
        <translation>Экспорт трассы Chrome</translation>
    </message>
    <message>
        <source>Chrome Trace Event JSON (*.json)</source>
        <translation>JSON Chrome Trace Event (*.json)</translation>
    </message>
    <message>
        <source>Trace saved to %1: open it in https://ui.perfetto.dev or chrome://tracing</source>
        <translation>Трасса сохранена в %1: откройте её в https://ui.perfetto.dev или chrome://tracing</translation>
    </message>
</context>
<context>
    <name>proclab::RunSession</name>
    <message>
        <source>demo %1</source>
        <translation>демо %1</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>процессов: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>chunksize %1</source>
        <translation>chunksize %1</translation>
    </message>
    <message>
        <source>chunksize auto</source>
        <translation>chunksize auto</translation>
    </message>
    <message>
        <source>pace %1 ms</source>
        <translation>темп %1 ms</translation>
    </message>
    <message>
        <source>no run is under way</source>
        <translation>ничего не запущено</translation>
    </message>
    <message>
        <source>process %1 was not started by this run</source>
        <translation>процесс %1 запущен не этим запуском</translation>
    </message>
    <message>
        <source>process %1 has already exited</source>
        <translation>процесс %1 уже завершился</translation>
    </message>
    <message>
        <source>process %1 is ProcLab itself</source>
        <translation>процесс %1 — это сам ProcLab</translation>
    </message>
    <message>
        <source>process %1: %2</source>
        <translation>процесс %1: %2</translation>
    </message>
    <message>
        <source>unknown workload &apos;%1&apos;</source>
        <translation>неизвестная нагрузка «%1»</translation>
    </message>
    <message>
        <source>%1 of %2 tasks failed: %3</source>
        <translation>не выполнено задач: %1 из %2: %3</translation>
    </message>
    <message>
        <source>unknown demo &apos;%1&apos;</source>
        <translation>неизвестная демонстрация «%1»</translation>
    </message>
    <message>
        <source>the demo ended with exit code %1</source>
        <translation>демонстрация завершилась с кодом выхода %1</translation>
    </message>
    <message>
        <source>the run was stopped</source>
        <translation>запуск остановлен</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>код выхода %1</translation>
    </message>
    <message>
        <source>killed by SIG%1</source>
        <translation>убит сигналом SIG%1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>убит сигналом %1</translation>
    </message>
    <message>
        <source>python %1</source>
        <translation>python %1</translation>
    </message>
    <message>
        <source>cpu_count() = %1</source>
        <translation>cpu_count() = %1</translation>
    </message>
    <message>
        <source>the script&apos;s start method</source>
        <translation>способ запуска скрипта</translation>
    </message>
    <message>
        <source>process %1 is not a live process of the script</source>
        <translation>процесс %1 не является живым процессом скрипта</translation>
    </message>
    <message>
        <source>the script could not start</source>
        <translation>скрипт не удалось запустить</translation>
    </message>
    <message>
        <source>Python %1 · %2 · %3 processes</source>
        <translation>Python %1 · %2 · процессов: %3</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(версия неизвестна)</translation>
    </message>
    <message>
        <source>the script ended: %1</source>
        <translation>скрипт завершился: %1</translation>
    </message>
    <message>
        <source>Rank %1 on %2 (pid %3) died in task %4; rank 0 dealt its chunk again (survive mode).</source>
        <translation>Ранг %1 на %2 (pid %3) умер в задаче %4; ранг 0 раздал его порцию заново (режим выживания).</translation>
    </message>
    <message>
        <source>Rank %1 on %2 (pid %3) died; rank 0 went on without it (survive mode).</source>
        <translation>Ранг %1 на %2 (pid %3) умер; ранг 0 продолжил без него (режим выживания).</translation>
    </message>
</context>
<context>
    <name>proclab::ScalingLab</name>
    <message>
        <source>&lt;b&gt;Predict first.&lt;/b&gt; How many times faster than one process will p processes be? Type your guess for every p, then run.</source>
        <translation>&lt;b&gt;Сначала предскажите.&lt;/b&gt; Во сколько раз p процессов будут быстрее одного? Введите свою оценку для каждого p, затем запускайте.</translation>
    </message>
    <message>
        <source>you expect</source>
        <translation>ваш прогноз</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>измерено</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>вердикт</translation>
    </message>
    <message>
        <source>about 00 min 00 s left</source>
        <translation>осталось около 00 min 00 s</translation>
    </message>
    <message>
        <source>Scaling lab</source>
        <translation>Лаборатория масштабируемости</translation>
    </message>
    <message>
        <source>Plot %1 against the number of processes</source>
        <translation>Показать %1 от числа процессов</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Серии</translation>
    </message>
    <message>
        <source>Show or hide each series of the sweep</source>
        <translation>Показать или скрыть каждую серию</translation>
    </message>
    <message>
        <source>Keep as Overlay</source>
        <translation>Закрепить</translation>
    </message>
    <message>
        <source>Pin this run on the plot (dashed) to compare the next runs with it</source>
        <translation>Закрепить этот запуск на графике (пунктиром), чтобы сравнивать с ним следующие</translation>
    </message>
    <message>
        <source>Nothing to keep yet: measure a sweep first.</source>
        <translation>Пока нечего оставлять: сначала проведите серию замеров.</translation>
    </message>
    <message>
        <source>The runs kept for comparison</source>
        <translation>Запуски, оставленные для сравнения</translation>
    </message>
    <message>
        <source>Predict First</source>
        <translation>Прогноз</translation>
    </message>
    <message>
        <source>Type the speedups you expect before running, then compare</source>
        <translation>Введите ожидаемые ускорения до запуска, затем сравните</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>Plot as &amp;PNG Image…</source>
        <translation>График как изображение &amp;PNG…</translation>
    </message>
    <message>
        <source>Plot as P&amp;DF…</source>
        <translation>График в P&amp;DF…</translation>
    </message>
    <message>
        <source>Plot as &amp;SVG…</source>
        <translation>График в &amp;SVG…</translation>
    </message>
    <message>
        <source>Data as &amp;CSV…</source>
        <translation>Данные в &amp;CSV…</translation>
    </message>
    <message>
        <source>Data as &amp;JSON…</source>
        <translation>Данные в &amp;JSON…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Predict first: type the speedup you expect for p = %1.</source>
        <translation>Сначала прогноз: введите ожидаемое ускорение для p = %1.</translation>
    </message>
    <message>
        <source>%v of %m runs (%p %)</source>
        <translation>%v из %m запусков (%p %)</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>осталось около %1 s</translation>
    </message>
    <message>
        <source>about %1 min %2 s left</source>
        <translation>осталось около %1 min %2 s</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>измерение…</translation>
    </message>
    <message>
        <source>Series (%1)</source>
        <translation>Серии (%1)</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Убрать %1</translation>
    </message>
    <message>
        <source>Remove All</source>
        <translation>Убрать все</translation>
    </message>
    <message>
        <source>Overlays (%1)</source>
        <translation>Наложения (%1)</translation>
    </message>
    <message>
        <source>Kept as an overlay: %1</source>
        <translation>Закреплено: %1</translation>
    </message>
    <message>
        <source>Predict first: type the speedup you expect for each p, then press Run.</source>
        <translation>Сначала прогноз: введите ожидаемое ускорение для каждого p, затем нажмите «Запустить».</translation>
    </message>
    <message>
        <source>less than you thought</source>
        <translation>меньше, чем вы думали</translation>
    </message>
    <message>
        <source>more than you thought</source>
        <translation>больше, чем вы думали</translation>
    </message>
    <message>
        <source>close!</source>
        <translation>почти угадали!</translation>
    </message>
    <message>
        <source>you expected %1×, measured %2×: %3</source>
        <translation>вы ждали %1×, измерено %2×: %3</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 file (*.%2)</source>
        <translation>файл %1 (*.%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Speedup T(1) / T(p) you expect, e.g. 1.8 for p = 2; every series is compared with it</source>
        <translation>Ожидаемое ускорение T(1) / T(p), например 1,8 при p = 2; с ним сравнивается каждая серия</translation>
    </message>
    <message>
        <source>%1 %2×, %3</source>
        <translation>%1 %2×, %3</translation>
    </message>
    <message>
        <source>you expected %1×, measured: %2</source>
        <translation>вы ожидали %1×, измерено: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1: not JSON (%2)</source>
        <translation>%1: не JSON (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the sweep has no point</source>
        <translation>%1: в серии замеров нет ни одной точки</translation>
    </message>
    <message>
        <source>Show where p × time went at each p, for every series side by side</source>
        <translation>Показать, куда ушло p × время при каждом p, для всех серий рядом</translation>
    </message>
</context>
<context>
    <name>proclab::ScalingPlot</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Scaling plot</source>
        <translation>График масштабируемости</translation>
    </message>
    <message>
        <source>Wall time against the number of processes</source>
        <translation>Время выполнения от числа процессов</translation>
    </message>
    <message>
        <source>number of processes p</source>
        <translation>число процессов p</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>Ускорение</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>Эффективность</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>время выполнения (s)</translation>
    </message>
    <message>
        <source>speedup T(1) / T(p)</source>
        <translation>ускорение T(1) / T(p)</translation>
    </message>
    <message>
        <source>efficiency (%)</source>
        <translation>эффективность (%)</translation>
    </message>
    <message>
        <source>1 core on this machine</source>
        <translation>ядер на этой машине: 1</translation>
    </message>
    <message>
        <source>%1 cores on this machine</source>
        <translation>ядер на этой машине: %1</translation>
    </message>
    <message>
        <source>Press Run (Ctrl+R) to measure p = 1 … %1</source>
        <translation>Нажмите «Запустить» (Ctrl+R), чтобы измерить p = 1 … %1</translation>
    </message>
    <message>
        <source>min–max of repeats</source>
        <translation>мин–макс по повторам</translation>
    </message>
    <message>
        <source>ideal T(1) / p</source>
        <translation>идеал T(1) / p</translation>
    </message>
    <message>
        <source>ideal T(1) / p (dashed, each series)</source>
        <translation>идеал T(1) / p (пунктир, каждая серия)</translation>
    </message>
    <message>
        <source>ideal speedup = p</source>
        <translation>идеальное ускорение = p</translation>
    </message>
    <message>
        <source>ideal efficiency = 100 %</source>
        <translation>идеальная эффективность = 100 %</translation>
    </message>
    <message>
        <source>%1: Amdahl s = %2</source>
        <translation>%1: Амдал s = %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>your prediction</source>
        <translation>ваш прогноз</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 · p = %2</source>
        <translation>%1 · p = %2</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 запуск</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>запусков: %1</translation>
    </message>
    <message>
        <source>median %1 (min %2, max %3; %4)</source>
        <translation>медиана %1 (мин %2, макс %3; %4)</translation>
    </message>
    <message>
        <source>speedup %1× · efficiency %2 %</source>
        <translation>ускорение %1× · эффективность %2 %</translation>
    </message>
    <message>
        <source>Karp–Flatt %1</source>
        <translation>Карп–Флэтт %1</translation>
    </message>
    <message>
        <source>pool start-up %1</source>
        <translation>старт пула %1</translation>
    </message>
    <message>
        <source>NOT VERIFIED against the serial result</source>
        <translation>НЕ СОВПАЛО с последовательным результатом</translation>
    </message>
    <message>
        <source>you expected %1×, measured %2×</source>
        <translation>вы ждали %1×, измерено %2×</translation>
    </message>
    <message>
        <source>unsupported file type &apos;%1&apos; (use .png, .jpg, .pdf or .svg)</source>
        <translation>неподдерживаемый тип файла «%1» (используйте .png, .jpg, .pdf или .svg)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>не удалось записать %1</translation>
    </message>
    <message>
        <source>useful work</source>
        <translation>полезная работа</translation>
    </message>
    <message>
        <source>pool start-up</source>
        <translation>запуск пула</translation>
    </message>
    <message>
        <source>serial part</source>
        <translation>последовательная часть</translation>
    </message>
    <message>
        <source>dispatch and results</source>
        <translation>раздача и результаты</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидание</translation>
    </message>
    <message>
        <source>imbalance</source>
        <translation>дисбаланс</translation>
    </message>
    <message>
        <source>p × time (s)</source>
        <translation>p × время (с)</translation>
    </message>
    <message>
        <source>breakdown</source>
        <translation>разбивка</translation>
    </message>
    <message>
        <source>%1 · p = %2: where p × time went</source>
        <translation>%1 · p = %2: куда ушло p × время</translation>
    </message>
    <message>
        <source>%1 processes × %2 (start-up + wall) = %3 of process time</source>
        <translation>процессов: %1 × %2 (запуск + время) = %3 процессорного времени</translation>
    </message>
    <message>
        <source>the tasks&apos; own time</source>
        <translation>собственное время задач</translation>
    </message>
    <message>
        <source>every process waits until the pool is ready</source>
        <translation>каждый процесс ждёт готовности пула</translation>
    </message>
    <message>
        <source>the main process works alone, the workers wait</source>
        <translation>главный процесс работает один, рабочие процессы ждут</translation>
    </message>
    <message>
        <source>workers wait for a task to arrive, and for the last results to reach the main process</source>
        <translation>рабочие процессы ждут прихода задачи и того, как последние результаты дойдут до главного процесса</translation>
    </message>
    <message>
        <source>tasks blocked on a lock, queue, pipe or barrier</source>
        <translation>задачи, заблокированные на замке, очереди, канале или барьере</translation>
    </message>
    <message>
        <source>workers idle after their last task while another still computes</source>
        <translation>рабочие процессы простаивают после своей последней задачи, пока другой ещё считает</translation>
    </message>
    <message>
        <source>%1: %2 (%3 %) · %4</source>
        <translation>%1: %2 (%3 %) · %4</translation>
    </message>
    <message>
        <source>Largest loss: %1. Perfect scaling keeps the bars as tall as at p = 1.</source>
        <translation>Самая большая потеря: %1. При идеальном масштабировании столбцы остаются той же высоты, что при p = 1.</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (скрыта)</translation>
    </message>
    <message>
        <source>scaled speedup p · T(1) / T(p)</source>
        <translation>масштабированное ускорение p · T(1) / T(p)</translation>
    </message>
    <message>
        <source>ideal: T(1) at every p (weak scaling)</source>
        <translation>идеал: T(1) при каждом p (слабая масштабируемость)</translation>
    </message>
    <message>
        <source>ideal: T(1) at every p (dashed, each weak series)</source>
        <translation>идеал: T(1) при каждом p (пунктир, каждая слабая серия)</translation>
    </message>
    <message>
        <source>%1: Gustafson s = %2</source>
        <translation>%1: Густафсон s = %2</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Разбивка</translation>
    </message>
    <message>
        <source>No breakdown: it is made from a process pool&apos;s events, and no series on show ran one
(threads, MPI ranks and workloads that start their own processes have none)</source>
        <translation>Разбивки нет: она строится по событиям пула процессов, а ни одна показанная серия его не запускала
(у потоков, рангов MPI и нагрузок, запускающих свои процессы, её нет)</translation>
    </message>
    <message>
        <source>left: %1 · right: %2 (outlined in the series&apos; colour)</source>
        <translation>слева: %1 · справа: %2 (обведены цветом серии)</translation>
    </message>
    <message>
        <source>left to right: %1 (outlined in the series&apos; colour)</source>
        <translation>слева направо: %1 (обведены цветом серии)</translation>
    </message>
    <message>
        <source>number of processes p (breakdown: point at a point, or Ctrl+4)</source>
        <translation>число процессов p (разбивка: наведите на точку или Ctrl+4)</translation>
    </message>
</context>
<context>
    <name>proclab::ScreenFit</name>
    <message>
        <source>E&amp;xperiment Panel</source>
        <translation>Панель &amp;эксперимента</translation>
    </message>
    <message>
        <source>Lessons and &amp;Code Panel</source>
        <translation>Панель уроков и &amp;кода</translation>
    </message>
    <message>
        <source>&amp;Stage and Plot Together</source>
        <translation>&amp;Сцена и график вместе</translation>
    </message>
    <message>
        <source>Open or close the experiment panel (F8)</source>
        <translation>Открыть или закрыть панель эксперимента (F8)</translation>
    </message>
    <message>
        <source>Open or close the lessons and their code (F9)</source>
        <translation>Открыть или закрыть уроки и их код (F9)</translation>
    </message>
    <message>
        <source>Show the stage and the scaling plot together instead of as tabs (F7)</source>
        <translation>Показывать сцену и график масштабируемости вместе, а не на вкладках (F7)</translation>
    </message>
</context>
<context>
    <name>proclab::ScriptController</name>
    <message>
        <source>Open &amp;Python Script…</source>
        <translation>Открыть скрипт &amp;Python…</translation>
    </message>
    <message>
        <source>Your own multiprocessing program: edit it, run it under real CPython, sweep it</source>
        <translation>Ваша собственная программа multiprocessing: править, запускать в настоящем CPython, замерять</translation>
    </message>
    <message>
        <source>Open Python Script</source>
        <translation>Открыть скрипт Python</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Скрипты Python (*.py);;Все файлы (*)</translation>
    </message>
    <message>
        <source>No such script: %1</source>
        <translation>Нет такого скрипта: %1</translation>
    </message>
    <message>
        <source>%1 is open: Run (F5) runs it under real CPython; the sweep mode measures it at p = 1 … N.</source>
        <translation>%1 открыт: «Запуск» (F5) выполняет его в настоящем CPython; режим серии замеров измеряет его при p = 1 … N.</translation>
    </message>
    <message>
        <source>This lesson has no Python program</source>
        <translation>У этого урока нет программы на Python</translation>
    </message>
    <message>
        <source>Cannot make %1</source>
        <translation>Не удаётся создать %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>proclab::StageProcess</name>
    <message>
        <source>CPU %1 % · %2</source>
        <translation>ЦП %1 % · %2</translation>
    </message>
    <message>
        <source>running task %1</source>
        <translation>выполняет задачу %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>waiting for lock %1</source>
        <translation>ждёт блокировку %1</translation>
    </message>
    <message>
        <source>blocked on queue %1</source>
        <translation>ждёт очередь %1</translation>
    </message>
    <message>
        <source>waiting on pipe %1</source>
        <translation>ждёт канал %1</translation>
    </message>
    <message>
        <source>waiting on #%1</source>
        <translation>ждёт #%1</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>exited (code %1)</source>
        <translation>завершён (код %1)</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <translation>сбой (%1)</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>задача %1</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>блок. %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>очередь %1</translation>
    </message>
    <message>
        <source>pipe %1</source>
        <translation>канал %1</translation>
    </message>
    <message>
        <source>wait #%1</source>
        <translation>ждёт #%1</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>код %1</translation>
    </message>
    <message>
        <source>terminated (%1)</source>
        <translation>завершён (%1)</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>spinning in %1</source>
        <translation>крутится в %1</translation>
    </message>
</context>
<context>
    <name>proclab::StageView</name>
    <message>
        <source>&lt;br&gt;CPU %1 %, resident memory %2 MiB (state %3, read %4 ms ago from /proc)</source>
        <translation>&lt;br&gt;ЦП %1 %, резидентная память %2 МиБ (состояние %3, прочитано из /proc %4 мс назад)</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 шт.</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 шт.</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Запусков ещё не было</translation>
    </message>
    <message>
        <source>No worker processes yet</source>
        <translation>Рабочих процессов пока нет</translation>
    </message>
    <message>
        <source>+%1 more workers</source>
        <translation>ещё рабочих процессов: %1</translation>
    </message>
    <message>
        <source>submitted %1 · results %2</source>
        <translation>отправлено %1 · получено %2</translation>
    </message>
    <message>
        <source> · lost %1</source>
        <translation> · потеряно %1</translation>
    </message>
    <message>
        <source>server process · %1 calls</source>
        <translation>серверный процесс · вызовов: %1</translation>
    </message>
    <message>
        <source>tasks done: %1</source>
        <translation>задач выполнено: %1</translation>
    </message>
    <message>
        <source>holds %1 %2</source>
        <translation>держит %1 %2</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>блокировку</translation>
    </message>
    <message>
        <source>locks</source>
        <translation>блокировки</translation>
    </message>
    <message>
        <source>Task queue · %1 waiting</source>
        <translation>Очередь задач · ожидают: %1</translation>
    </message>
    <message>
        <source>Results received · %1 (as they finish)</source>
        <translation>Результаты · %1 (по готовности)</translation>
    </message>
    <message>
        <source>Handed to your code · %1</source>
        <translation>Передано вашему коду · %1</translation>
    </message>
    <message>
        <source>Queue #%1 (maxsize %2) · %3</source>
        <translation>Queue #%1 (maxsize %2) · %3</translation>
    </message>
    <message>
        <source>Queue #%1 · %2</source>
        <translation>Queue #%1 · %2</translation>
    </message>
    <message>
        <source>put %1 · got %2</source>
        <translation>put %1 · get %2</translation>
    </message>
    <message>
        <source>waiting to put:</source>
        <translation>ждут put:</translation>
    </message>
    <message>
        <source>waiting to get:</source>
        <translation>ждут get:</translation>
    </message>
    <message>
        <source>Pipe #%1 · %2 messages</source>
        <translation>Pipe #%1 · сообщений: %2</translation>
    </message>
    <message>
        <source>→ %1 in flight   ← %2 in flight</source>
        <translation>→ %1 в пути   ← %2 в пути</translation>
    </message>
    <message>
        <source>%1 bytes sent</source>
        <translation>отправлено байт: %1</translation>
    </message>
    <message>
        <source>waiting to recv:</source>
        <translation>ждут recv:</translation>
    </message>
    <message>
        <source>%1 #%2 = %3</source>
        <translation>%1 #%2 = %3</translation>
    </message>
    <message>
        <source>BoundedSemaphore</source>
        <translation>BoundedSemaphore</translation>
    </message>
    <message>
        <source>Semaphore</source>
        <translation>Semaphore</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>RLock</source>
        <translation>RLock</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>held by:</source>
        <translation>держит:</translation>
    </message>
    <message>
        <source>waiting:</source>
        <translation>ожидают:</translation>
    </message>
    <message>
        <source>free</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>acquired %1×</source>
        <translation>захватов: %1</translation>
    </message>
    <message>
        <source>Array #%1 · %2 cells</source>
        <translation>Array #%1 · ячеек: %2</translation>
    </message>
    <message>
        <source>Value #%1</source>
        <translation>Value #%1</translation>
    </message>
    <message>
        <source>%1 by pid %2</source>
        <translation>%1 pid %2</translation>
    </message>
    <message>
        <source>last written</source>
        <translation>последняя запись:</translation>
    </message>
    <message>
        <source>last read</source>
        <translation>последнее чтение:</translation>
    </message>
    <message>
        <source>%1 writes · %2 reads</source>
        <translation>записей %1 · чтений %2</translation>
    </message>
    <message>
        <source>Barrier #%1 (%2 parties) · passed %3×</source>
        <translation>Barrier #%1 (сторон: %2) · пройден %3×</translation>
    </message>
    <message>
        <source>Barrier #%1 · passed %2×</source>
        <translation>Barrier #%1 · пройден %2×</translation>
    </message>
    <message>
        <source>Event #%1 · %2</source>
        <translation>Event #%1 · %2</translation>
    </message>
    <message>
        <source>set</source>
        <translation>set</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>clear</translation>
    </message>
    <message>
        <source>Condition #%1 · %2 notifies</source>
        <translation>Condition #%1 · уведомлений: %2</translation>
    </message>
    <message>
        <source>Manager · pid %1</source>
        <translation>Manager · pid %1</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>%1 proxy calls</source>
        <translation>вызовов прокси: %1</translation>
    </message>
    <message>
        <source>+%1 more objects</source>
        <translation>ещё объектов: %1</translation>
    </message>
    <message>
        <source>+%1 cards in flight</source>
        <translation>+%1 в пути</translation>
    </message>
    <message>
        <source>task card</source>
        <translation>карточка задачи</translation>
    </message>
    <message>
        <source>result</source>
        <translation>результат</translation>
    </message>
    <message>
        <source>item / message</source>
        <translation>элемент / сообщение</translation>
    </message>
    <message>
        <source>Kill %1 (pid %2) with SIGKILL</source>
        <translation>Убить %1 (pid %2) сигналом SIGKILL</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 tasks done</source>
        <translation>&lt;br&gt;задач выполнено: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;for %1 ms</source>
        <translation>&lt;br&gt;уже %1 ms</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Right-click or Del: kill it (SIGKILL)&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Правый щелчок или Del: убить (SIGKILL)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Tasks submitted to the pool and not yet sent to a worker: %1</source>
        <translation>Задачи, отправленные в пул, но ещё не переданные рабочему процессу: %1</translation>
    </message>
    <message>
        <source>Results the parent received, in the order the workers finished them (%1 in all)</source>
        <translation>Результаты, полученные родителем, в порядке их готовности у рабочих процессов (всего %1)</translation>
    </message>
    <message>
        <source>Results your code received: map gives them all at the end in input order, imap in input order as they come, imap_unordered as they finish (%1 in all)</source>
        <translation>Результаты, полученные вашим кодом: map отдаёт их все в конце в порядке входных данных, imap — в порядке входных данных по мере поступления, imap_unordered — по мере готовности (всего %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Queue #%1&lt;/b&gt;%2&lt;br&gt;%3 in it now (at most %4 so far)&lt;br&gt;%5 put, %6 got&lt;br&gt;waiting to put: %7&lt;br&gt;waiting to get: %8</source>
        <translation>&lt;b&gt;Queue #%1&lt;/b&gt;%2&lt;br&gt;сейчас в ней %3 (максимум до сих пор %4)&lt;br&gt;put: %5, get: %6&lt;br&gt;ждут put: %7&lt;br&gt;ждут get: %8</translation>
    </message>
    <message>
        <source> (maxsize %1)</source>
        <translation> (maxsize %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pipe #%1&lt;/b&gt; (%2)&lt;br&gt;ends: pid %3 and pid %4&lt;br&gt;%5 messages, %6 bytes&lt;br&gt;in flight: %7 → , %8 ←&lt;br&gt;waiting to recv: %9</source>
        <translation>&lt;b&gt;Pipe #%1&lt;/b&gt; (%2)&lt;br&gt;концы: pid %3 и pid %4&lt;br&gt;сообщений: %5, байт: %6&lt;br&gt;в пути: %7 → , %8 ←&lt;br&gt;ждут recv: %9</translation>
    </message>
    <message>
        <source>duplex</source>
        <translation>двусторонний</translation>
    </message>
    <message>
        <source>one-way</source>
        <translation>односторонний</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;held by: %3&lt;br&gt;waiting, in order: %4&lt;br&gt;acquired %5 times</source>
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;держит: %3&lt;br&gt;ждут, по порядку: %4&lt;br&gt;захватов: %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;%3 writes, %4 reads, the last by pid %5</source>
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;записей: %3, чтений: %4, последнее — pid %5</translation>
    </message>
    <message>
        <source>Array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;waiting: %3</source>
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;ожидают: %3</translation>
    </message>
    <message>
        <source>Barrier</source>
        <translation>Barrier</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>%1 holds Lock #%2 and waits for Lock #%3, held by %4</source>
        <translation>%1 держит Lock #%2 и ждёт Lock #%3, который держит %4</translation>
    </message>
    <message>
        <source>DEADLOCK: each process waits for a lock the next one holds; none can ever go on.</source>
        <translation>ВЗАИМНАЯ БЛОКИРОВКА: каждый процесс ждёт замок, который держит следующий; никто не сможет продолжить.</translation>
    </message>
    <message>
        <source>Press Stop (Esc) to end it. The fix: take the locks in one order everywhere.</source>
        <translation>Нажмите «Стоп» (Esc), чтобы прекратить. Лекарство: везде брать замки в одном порядке.</translation>
    </message>
    <message>
        <source>raised %1</source>
        <translation>исключение %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;raised&lt;/b&gt; %1&lt;pre&gt;%2&lt;/pre&gt;</source>
        <translation>&lt;br&gt;&lt;b&gt;исключение&lt;/b&gt; %1&lt;pre&gt;%2&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>rank %1</source>
        <translation>ранг %1</translation>
    </message>
    <message>
        <source>host %1 · 1 rank</source>
        <translation>узел %1 · рангов: 1</translation>
    </message>
    <message>
        <source>host %1 · %2 ranks</source>
        <translation>узел %1 · рангов: %2</translation>
    </message>
    <message>
        <source>MPI messages: %1 (row sends to column)</source>
        <translation>сообщений MPI: %1 (строка шлёт столбцу)</translation>
    </message>
    <message>
        <source>collective calls done: %1</source>
        <translation>коллективных вызовов: %1</translation>
    </message>
    <message>
        <source>message in a host</source>
        <translation>сообщение внутри узла</translation>
    </message>
    <message>
        <source>between hosts</source>
        <translation>между узлами</translation>
    </message>
    <message>
        <source>&lt;br&gt;An MPI wait polls: this rank keeps its CPU busy until the message or the collective completes (a blocked pool worker sleeps instead)</source>
        <translation>&lt;br&gt;Ожидание в MPI опрашивает без остановки: ранг занимает свой процессор, пока сообщение или коллективная операция не завершится (заблокированный рабочий процесс пула, наоборот, спит)</translation>
    </message>
    <message>
        <source>Point-to-point MPI messages so far: rank in the row sent that many to the rank in the column (between hosts in orange: they cross the network, over TCP; inside a host they go through shared memory)</source>
        <translation>Сообщения MPI «точка-точка» на данный момент: ранг строки отправил столько рангу столбца (между узлами оранжевым: они идут по сети, через TCP; внутри узла через общую память)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 MPI ranks placed here by mpirun (Open MPI&apos;s hostfile says how many slots each host has)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: рангов MPI, размещённых здесь mpirun: %2 (файл узлов Open MPI задаёт число слотов на каждом узле)</translation>
    </message>
    <message>
        <source>MPI messages: %1, %2 (row sends to column)</source>
        <translation>сообщений MPI: %1, %2 (строка шлёт столбцу)</translation>
    </message>
    <message>
        <source>rank %1 is in MPI_Send to rank %2 (%3): it returns once rank %2 receives</source>
        <translation>ранг %1 в MPI_Send рангу %2 (%3): вернётся, когда ранг %2 примет</translation>
    </message>
    <message>
        <source>rank %1 is in MPI_Recv from rank %2: it returns once rank %2 sends</source>
        <translation>ранг %1 в MPI_Recv от ранга %2: вернётся, когда ранг %2 отправит</translation>
    </message>
    <message>
        <source>DEADLOCK: each rank waits for the next, and none of their calls can return.</source>
        <translation>ВЗАИМНАЯ БЛОКИРОВКА: каждый ранг ждёт следующего, и ни один из их вызовов не может вернуться.</translation>
    </message>
    <message>
        <source>ProcLab stops the job. The fix: MPI_Sendrecv, or even ranks send first while odd ranks receive.</source>
        <translation>ProcLab останавливает задание. Исправление: MPI_Sendrecv, или чётные ранги сначала отправляют, пока нечётные принимают.</translation>
    </message>
</context>
<context>
    <name>proclab::SweepController</name>
    <message>
        <source>Cannot run: %1</source>
        <translation>Запуск невозможен: %1</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Невозможно запустить %1: %2</translation>
    </message>
    <message>
        <source>Waiting for the measurement under way (from the stopped sweep) to end…</source>
        <translation>Ожидание конца текущего измерения (остановленной серии)…</translation>
    </message>
    <message>
        <source>Starting the sweep…</source>
        <translation>Серия запускается…</translation>
    </message>
    <message>
        <source>Stopped (points measured: %1). The measurement under way was interrupted and its workers terminated.</source>
        <translation>Остановлено (измерено точек: %1). Текущее измерение прервано, его рабочие процессы завершены.</translation>
    </message>
    <message>
        <source>■ Stopped by the user (points measured: %1).</source>
        <translation>■ Остановлено пользователем (измерено точек: %1).</translation>
    </message>
    <message>
        <source>Closing after the measurement under way…</source>
        <translation>Закрытие после текущего измерения…</translation>
    </message>
    <message>
        <source>Warm-up run at p = 1 (not recorded)…</source>
        <translation>Прогревочный запуск при p = 1 (не записывается)…</translation>
    </message>
    <message>
        <source>Measuring p = %1 of %2 (repeat %3/%4)…</source>
        <translation>Измерение p = %1 из %2 (повтор %3/%4)…</translation>
    </message>
    <message>
        <source>warm-up</source>
        <translation>прогрев</translation>
    </message>
    <message>
        <source>run %1/%2</source>
        <translation>запуск %1/%2</translation>
    </message>
    <message>
        <source>p = %1, %2: wall %3, start-up %4 ms, chunksize %5, workers %6 · %7: %8</source>
        <translation>p = %1, %2: время %3, старт %4 ms, chunksize %5, рабочие процессы %6 · %7: %8</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>проверено</translation>
    </message>
    <message>
        <source>NOT VERIFIED</source>
        <translation>НЕ ПРОВЕРЕНО</translation>
    </message>
    <message>
        <source>    … (%1 more not shown)</source>
        <translation>    … (ещё не показано: %1)</translation>
    </message>
    <message>
        <source>(worker output shortened: too many lines at once)</source>
        <translation>(вывод рабочих процессов сокращён: слишком много строк сразу)</translation>
    </message>
    <message>
        <source>Done: %1 points measured in %2 s.</source>
        <translation>Готово за %2 s, измерено точек: %1.</translation>
    </message>
    <message>
        <source>No speedup: one process was the fastest.</source>
        <translation>Ускорения нет: быстрее всех был один процесс.</translation>
    </message>
    <message>
        <source>Best speedup %1× at p = %2 (efficiency %3 %).</source>
        <translation>Лучшее ускорение %1× при p = %2 (эффективность %3 %).</translation>
    </message>
    <message>
        <source>Some runs were NOT verified: see the log.</source>
        <translation>Некоторые запуски НЕ прошли проверку: см. журнал.</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Результат: %1</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <source>The sweep failed: %1</source>
        <translation>Серия не удалась: %1</translation>
    </message>
    <message>
        <source>✘ The sweep failed: %1</source>
        <translation>✘ Серия не удалась: %1</translation>
    </message>
    <message>
        <source>■ Sweep stopped by the user.</source>
        <translation>■ Серия замеров остановлена пользователем.</translation>
    </message>
    <message>
        <source>p = %1, warm-up</source>
        <translation>p = %1, прогрев</translation>
    </message>
    <message>
        <source>p = %1, repeat %2/%3</source>
        <translation>p = %1, повтор %2/%3</translation>
    </message>
    <message>
        <source>■ Sweep stopped.</source>
        <translation>■ Серия замеров остановлена.</translation>
    </message>
    <message>
        <source>▶ Sweep: %1, p = 1 … %2 · %3</source>
        <translation>▶ Серия замеров: %1, p = 1 … %2 · %3</translation>
    </message>
    <message>
        <source>▶ Sweep %1: %2, p = 1 … %3 · %4</source>
        <translation>▶ Серия замеров %1: %2, p = 1 … %3 · %4</translation>
    </message>
    <message>
        <source>%1: one MPI job serves the whole series (mpirun once, as many ranks as the largest p, each point on as many of them as it asks for). This first run paid its start-up, %2 ms; a later point&apos;s start-up is only the hand-out of its work.</source>
        <translation>%1: одно задание MPI обслуживает всю серию (mpirun один раз, столько рангов, сколько нужно наибольшему p, каждая точка на стольких из них, сколько она просит). Этот первый запуск оплатил его запуск, %2 мс; запуск следующей точки — лишь раздача её работы.</translation>
    </message>
</context>
<context>
    <name>proclab::SweepResultsModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>tid %1:%2</source>
        <translation>tid %1:%2</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>НЕТ</translation>
    </message>
    <message>
        <source>Runs at p = %1: %2</source>
        <translation>Запуски при p = %1: %2</translation>
    </message>
    <message>
        <source>Every run gave the same result as the serial computation</source>
        <translation>Каждый запуск дал тот же результат, что и последовательное вычисление</translation>
    </message>
    <message>
        <source>At least one run failed or disagreed with the serial computation (see the log)</source>
        <translation>Хотя бы один запуск не удался или разошёлся с последовательным вычислением (см. журнал)</translation>
    </message>
    <message>
        <source>%1: pid %2%3, %4 task(s), ready after %5 ms</source>
        <translation>%1: pid %2%3, задач: %4, готов через %5 ms</translation>
    </message>
    <message>
        <source> tid %1</source>
        <translation> tid %1</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Процессы</translation>
    </message>
    <message>
        <source>Wall (median)</source>
        <translation>Время (медиана)</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Мин</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Макс</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>Ускорение</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>Эффективность</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Проверено</translation>
    </message>
    <message>
        <source>Workers (pid:tasks)</source>
        <translation>Рабочие процессы (pid:задачи)</translation>
    </message>
    <message>
        <source>Executor, chunksize and problem size of the point</source>
        <translation>Исполнитель, chunksize и размер задачи для точки</translation>
    </message>
    <message>
        <source>p: the number of workers the tasks were shared among</source>
        <translation>p: число рабочих процессов, между которыми распределены задачи</translation>
    </message>
    <message>
        <source>Wall-clock time from the first task submitted to the last result, median over the repeats (pool start-up not included)</source>
        <translation>Реальное время от отправки первой задачи до последнего результата, медиана по повторам (без старта пула)</translation>
    </message>
    <message>
        <source>Fastest and slowest of the repeats</source>
        <translation>Самый быстрый и самый медленный из повторов</translation>
    </message>
    <message>
        <source>S(p) = T(1) / T(p). Ideal: S(p) = p</source>
        <translation>S(p) = T(1) / T(p). Идеал: S(p) = p</translation>
    </message>
    <message>
        <source>E(p) = S(p) / p. Ideal: 100 %</source>
        <translation>E(p) = S(p) / p. Идеал: 100 %</translation>
    </message>
    <message>
        <source>Time to start the workers until all reported ready (median)</source>
        <translation>Время от старта рабочих процессов до готовности всех (медиана)</translation>
    </message>
    <message>
        <source>Results compared with a serial computation done by the engine</source>
        <translation>Результаты сверены с последовательным вычислением движка</translation>
    </message>
    <message>
        <source>Real process ids of the workers of the median run, and how many tasks each one ran</source>
        <translation>Настоящие идентификаторы рабочих процессов медианного запуска и сколько задач выполнил каждый</translation>
    </message>
</context>
<context>
    <name>proclab::TimelineView</name>
    <message>
        <source>&lt;br&gt;CPU %1 %, resident memory %2 MiB (read from /proc)</source>
        <translation>&lt;br&gt;ЦП %1 %, резидентная память %2 МиБ (прочитано из /proc)</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>задача %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>блок. %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>очередь %1</translation>
    </message>
    <message>
        <source>pipe %1</source>
        <translation>канал %1</translation>
    </message>
    <message>
        <source>wait #%1</source>
        <translation>ждёт #%1</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Запусков ещё не было</translation>
    </message>
    <message numerus="yes">
        <source>%n older slice(s) dropped (memory cap)</source>
        <translation>
            <numerusform>%n старый отрезок отброшен (предел памяти)</numerusform>
            <numerusform>%n старых отрезка отброшено (предел памяти)</numerusform>
            <numerusform>%n старых отрезков отброшено (предел памяти)</numerusform>
        </translation>
    </message>
    <message>
        <source>exited</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>+%1 more processes</source>
        <translation>ещё процессов: %1</translation>
    </message>
    <message>
        <source>: task %1 (chunk %2)</source>
        <translation>: задача %1 (порция %2)</translation>
    </message>
    <message>
        <source> in task %1</source>
        <translation> в задаче %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;start %1, duration %2</source>
        <translation>&lt;br&gt;начало %1, длительность %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;holds lock %1 (from %2, for %3)</source>
        <translation>&lt;br&gt;держит блокировку %1 (с %2, в течение %3)</translation>
    </message>
</context>
</TS>
