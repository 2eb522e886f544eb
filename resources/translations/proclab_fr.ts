<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>Processes and their ids</source>
        <translation>Les processus et leurs identifiants</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;process&lt;/b&gt; is a running program with its own memory. The operating system gives each one a number, its &lt;b&gt;pid&lt;/b&gt;, and remembers which process started it, its parent (the &lt;b&gt;ppid&lt;/b&gt;).&lt;/p&gt;&lt;p&gt;In Python, &lt;code&gt;Process(target=f, args=(&apos;bob&apos;,))&lt;/code&gt; describes a child; &lt;code&gt;start()&lt;/code&gt; makes it exist and run &lt;code&gt;f(&apos;bob&apos;)&lt;/code&gt;; &lt;code&gt;join()&lt;/code&gt; waits for it to end. The child has a pid of its own, and its parent is the main program.&lt;/p&gt;&lt;p&gt;With the &lt;i&gt;spawn&lt;/i&gt; start method the child is a fresh interpreter that imports your file again. That is why the code that creates processes must sit under &lt;code&gt;if __name__ == &apos;__main__&apos;:&lt;/code&gt;, or every child would start children of its own.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un &lt;b&gt;processus&lt;/b&gt; est un programme en cours d&apos;exécution, avec sa propre mémoire. Le système d&apos;exploitation donne à chacun un numéro, son &lt;b&gt;pid&lt;/b&gt;, et retient quel processus l&apos;a lancé : son parent (le &lt;b&gt;ppid&lt;/b&gt;).&lt;/p&gt;&lt;p&gt;En Python, &lt;code&gt;Process(target=f, args=(&apos;bob&apos;,))&lt;/code&gt; décrit un enfant ; &lt;code&gt;start()&lt;/code&gt; le fait exister et exécuter &lt;code&gt;f(&apos;bob&apos;)&lt;/code&gt; ; &lt;code&gt;join()&lt;/code&gt; attend qu&apos;il se termine. L&apos;enfant a son propre pid, et son parent est le programme principal.&lt;/p&gt;&lt;p&gt;Avec la méthode de démarrage &lt;i&gt;spawn&lt;/i&gt;, l&apos;enfant est un interpréteur neuf qui importe de nouveau votre fichier. Voilà pourquoi le code qui crée des processus doit se trouver sous &lt;code&gt;if __name__ == &apos;__main__&apos;:&lt;/code&gt; ; sinon, chaque enfant lancerait à son tour ses propres enfants.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The main line and the function f print different process ids.</source>
        <translation>La ligne principale et la fonction f affichent des identifiants de processus différents.</translation>
    </message>
    <message>
        <source>The child&apos;s parent process id is the main line&apos;s own process id.</source>
        <translation>Le pid du parent de l&apos;enfant est le pid de la ligne principale.</translation>
    </message>
    <message>
        <source>Run it again: the child gets a new pid every time, the main process keeps its own.</source>
        <translation>Relancez : l&apos;enfant reçoit un nouveau pid à chaque fois, le processus principal garde le sien.</translation>
    </message>
    <message>
        <source>Why must the code that starts processes sit under if __name__ == &apos;__main__&apos;?</source>
        <translation>Pourquoi le code qui lance des processus doit-il se trouver sous if __name__ == &apos;__main__&apos; ?</translation>
    </message>
    <message>
        <source>It makes the program run faster.</source>
        <translation>Cela rend le programme plus rapide.</translation>
    </message>
    <message>
        <source>A spawned child imports the main file again and must not start processes of its own.</source>
        <translation>Un enfant lancé par spawn importe de nouveau le fichier principal et ne doit pas lancer ses propres processus.</translation>
    </message>
    <message>
        <source>Otherwise the child cannot print.</source>
        <translation>Sinon l&apos;enfant ne peut pas afficher de texte.</translation>
    </message>
    <message>
        <source>The operating system refuses to give a pid otherwise.</source>
        <translation>Sinon le système d&apos;exploitation refuse de donner un pid.</translation>
    </message>
    <message>
        <source>A spawned child starts a new interpreter and imports your file to find the target function. Everything at the top level runs again in the child; under the __main__ guard, only the real main program creates processes.</source>
        <translation>Un enfant lancé par spawn démarre un nouvel interpréteur et importe votre fichier pour y trouver la fonction cible. Tout ce qui est au niveau supérieur s&apos;exécute de nouveau dans l&apos;enfant ; sous la garde __main__, seul le vrai programme principal crée des processus.</translation>
    </message>
    <message>
        <source>Pool.map and friends</source>
        <translation>Pool.map et ses cousines</translation>
    </message>
    <message>
        <source>&lt;p&gt;Starting one process per task is wasteful. A &lt;b&gt;Pool&lt;/b&gt; starts a few worker processes once and hands them tasks: &lt;code&gt;Pool(4).map(f, range(8))&lt;/code&gt; applies &lt;code&gt;f&lt;/code&gt; to every input, spread over 4 workers, and returns the results &lt;b&gt;in the order of the inputs&lt;/b&gt;, whichever worker finished first.&lt;/p&gt;&lt;p&gt;Its friends: &lt;code&gt;starmap&lt;/code&gt; for functions of several arguments, &lt;code&gt;apply&lt;/code&gt; for one call, &lt;code&gt;apply_async&lt;/code&gt; and &lt;code&gt;map_async&lt;/code&gt; return at once with a result to &lt;code&gt;get()&lt;/code&gt; later, &lt;code&gt;imap&lt;/code&gt; and &lt;code&gt;imap_unordered&lt;/code&gt; hand results back one by one as they come.&lt;/p&gt;&lt;p&gt;The function and its inputs travel to the workers, and the results travel back: they must be picklable, and the trip has a price.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lancer un processus par tâche coûte cher. Un &lt;b&gt;Pool&lt;/b&gt; démarre une seule fois quelques processus de travail et leur confie des tâches : &lt;code&gt;Pool(4).map(f, range(8))&lt;/code&gt; applique &lt;code&gt;f&lt;/code&gt; à chaque entrée, répartie sur 4 processus, et renvoie les résultats &lt;b&gt;dans l&apos;ordre des entrées&lt;/b&gt;, quel que soit le processus qui a fini le premier.&lt;/p&gt;&lt;p&gt;Ses cousines : &lt;code&gt;starmap&lt;/code&gt; pour les fonctions à plusieurs arguments, &lt;code&gt;apply&lt;/code&gt; pour un seul appel ; &lt;code&gt;apply_async&lt;/code&gt; et &lt;code&gt;map_async&lt;/code&gt; rendent la main tout de suite avec un résultat à récupérer plus tard par &lt;code&gt;get()&lt;/code&gt; ; &lt;code&gt;imap&lt;/code&gt; et &lt;code&gt;imap_unordered&lt;/code&gt; rendent les résultats un par un, au fur et à mesure.&lt;/p&gt;&lt;p&gt;La fonction et ses entrées voyagent vers les processus, et les résultats font le chemin inverse : ils doivent pouvoir être sérialisés par pickle, et le voyage a un prix.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>map returns [1, 2, 5, 10, 17, 26, 37, 50]: the order of the inputs.</source>
        <translation>map renvoie [1, 2, 5, 10, 17, 26, 37, 50] : l&apos;ordre des entrées.</translation>
    </message>
    <message>
        <source>imap_unordered hands results back as they finish: the order can change from run to run.</source>
        <translation>imap_unordered rend les résultats dès qu&apos;ils sont prêts : l&apos;ordre peut changer d&apos;une exécution à l&apos;autre.</translation>
    </message>
    <message>
        <source>The pool&apos;s workers are real processes: their pids appear in the log.</source>
        <translation>Les processus du pool sont de vrais processus : leurs pid apparaissent dans le journal.</translation>
    </message>
    <message>
        <source>Four workers compute Pool.map(f, range(8)). In what order does the list come back?</source>
        <translation>Quatre processus calculent Pool.map(f, range(8)). Dans quel ordre la liste revient-elle ?</translation>
    </message>
    <message>
        <source>In the order the workers finished.</source>
        <translation>Dans l&apos;ordre où les processus ont terminé.</translation>
    </message>
    <message>
        <source>In the order of the inputs, whoever finished first.</source>
        <translation>Dans l&apos;ordre des entrées, quel que soit celui qui a fini le premier.</translation>
    </message>
    <message>
        <source>Sorted by value.</source>
        <translation>Triée par valeur.</translation>
    </message>
    <message>
        <source>Grouped by worker.</source>
        <translation>Regroupée par processus.</translation>
    </message>
    <message>
        <source>map waits for all the results and puts each one in the place of its input. Only imap_unordered gives you results in the order they finish.</source>
        <translation>map attend tous les résultats et place chacun à l&apos;emplacement de son entrée. Seule imap_unordered vous donne les résultats dans l&apos;ordre où ils se terminent.</translation>
    </message>
    <message>
        <source>Chunksize: why small tasks get slower in parallel</source>
        <translation>Chunksize : pourquoi les petites tâches ralentissent en parallèle</translation>
    </message>
    <message>
        <source>Why does chunksize=1 make many tiny tasks slow?</source>
        <translation>Pourquoi chunksize=1 rend-il lentes de nombreuses toutes petites tâches ?</translation>
    </message>
    <message>
        <source>Each task pays for pickling and a round trip through a pipe, which costs more than the task.</source>
        <translation>Chaque tâche paie une sérialisation et un aller-retour dans un tube, qui coûtent plus que la tâche.</translation>
    </message>
    <message>
        <source>Workers can run only one chunk in their whole life.</source>
        <translation>Un processus ne peut exécuter qu&apos;un seul paquet dans toute sa vie.</translation>
    </message>
    <message>
        <source>Small chunks do not fit in the processor&apos;s cache.</source>
        <translation>Les petits paquets ne tiennent pas dans le cache du processeur.</translation>
    </message>
    <message>
        <source>The GIL stops the workers from running at the same time.</source>
        <translation>Le GIL empêche les processus de travailler en même temps.</translation>
    </message>
    <message>
        <source>The cost of a task&apos;s trip (pickling, a system call or two, waking the worker, the result&apos;s way back) is fixed. When the task itself is tiny, the trips are nearly all the time; chunks share one trip between many tasks.</source>
        <translation>Le coût du voyage d&apos;une tâche (sérialisation, un ou deux appels système, le réveil du processus, le retour du résultat) est fixe. Quand la tâche est minuscule, les voyages prennent presque tout le temps ; les paquets partagent un seul voyage entre de nombreuses tâches.</translation>
    </message>
    <message>
        <source>Queue: passing objects between processes</source>
        <translation>Queue : faire passer des objets entre processus</translation>
    </message>
    <message>
        <source>&lt;p&gt;Processes do not share memory: a variable changed in a child stays changed in the child only. To send data, use a &lt;b&gt;Queue&lt;/b&gt;: one process calls &lt;code&gt;q.put(obj)&lt;/code&gt;, another &lt;code&gt;q.get()&lt;/code&gt;, and objects come out in the order they went in (first in, first out).&lt;/p&gt;&lt;p&gt;A queue is built on a pipe and a few locks; any number of processes can put and get. &lt;code&gt;get()&lt;/code&gt; waits until something arrives; a bounded queue makes &lt;code&gt;put()&lt;/code&gt; wait while it is full.&lt;/p&gt;&lt;p&gt;The object is pickled on the way in and rebuilt on the way out: the receiver gets a copy.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les processus ne partagent pas leur mémoire : une variable modifiée dans un enfant ne l&apos;est que dans l&apos;enfant. Pour envoyer des données, on utilise une &lt;b&gt;Queue&lt;/b&gt; (file) : un processus appelle &lt;code&gt;q.put(obj)&lt;/code&gt;, un autre &lt;code&gt;q.get()&lt;/code&gt;, et les objets sortent dans l&apos;ordre où ils sont entrés (premier entré, premier sorti).&lt;/p&gt;&lt;p&gt;Une file est construite sur un tube et quelques verrous ; n&apos;importe quel nombre de processus peut y déposer et y prendre. &lt;code&gt;get()&lt;/code&gt; attend que quelque chose arrive ; une file bornée fait attendre &lt;code&gt;put()&lt;/code&gt; tant qu&apos;elle est pleine.&lt;/p&gt;&lt;p&gt;L&apos;objet est sérialisé à l&apos;entrée et reconstruit à la sortie : le destinataire en reçoit une copie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The parent prints [42, None, &apos;hello&apos;]: the child&apos;s list, copied across.</source>
        <translation>Le parent affiche [42, None, &apos;hello&apos;] : la liste de l&apos;enfant, copiée d&apos;un processus à l&apos;autre.</translation>
    </message>
    <message>
        <source>In the second demo, results arrive in the order the processes finish, not the order they were started: each carries its position to sort by.</source>
        <translation>Dans la deuxième démo, les résultats arrivent dans l&apos;ordre où les processus terminent, pas dans l&apos;ordre de leur lancement : chacun porte sa position pour qu&apos;on puisse les trier.</translation>
    </message>
    <message>
        <source>A child appends to a list it received as an argument. What does the parent see?</source>
        <translation>Un enfant ajoute un élément à une liste reçue en argument. Que voit le parent ?</translation>
    </message>
    <message>
        <source>The appended item, at once.</source>
        <translation>L&apos;élément ajouté, immédiatement.</translation>
    </message>
    <message>
        <source>The appended item, once the child has ended.</source>
        <translation>L&apos;élément ajouté, une fois l&apos;enfant terminé.</translation>
    </message>
    <message>
        <source>Nothing: the child changed its own copy; send it back through a Queue.</source>
        <translation>Rien : l&apos;enfant a modifié sa propre copie ; il faut la renvoyer par une Queue.</translation>
    </message>
    <message>
        <source>Each process has its own memory. Arguments reach the child as copies, so changes stay there. A Queue (or a Pipe, or shared memory) is how data gets back.</source>
        <translation>Chaque processus a sa propre mémoire. Les arguments arrivent dans l&apos;enfant sous forme de copies : les modifications y restent. Une Queue (ou un Pipe, ou la mémoire partagée) est le moyen de faire revenir les données.</translation>
    </message>
    <message>
        <source>Pipe and the ping-pong timing</source>
        <translation>Pipe et la mesure du ping-pong</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;code&gt;Pipe()&lt;/code&gt; returns two connected ends. Whatever one end &lt;code&gt;send()&lt;/code&gt;s, the other &lt;code&gt;recv()&lt;/code&gt;s; by default both ends can send. A pipe joins exactly two processes, which makes it lighter than a queue.&lt;/p&gt;&lt;p&gt;The exercise: two processes bat a small message back and forth and time the round trips. A round trip is two messages, each pickled, written into the kernel, and woken up on the other side.&lt;/p&gt;&lt;p&gt;That time is the floor under any conversation between processes. Compare it with the time your task takes: a task much shorter than a round trip is not worth sending.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;Pipe()&lt;/code&gt; renvoie deux extrémités reliées. Ce qu&apos;une extrémité envoie par &lt;code&gt;send()&lt;/code&gt;, l&apos;autre le reçoit par &lt;code&gt;recv()&lt;/code&gt; ; par défaut, les deux extrémités peuvent envoyer. Un tube relie exactement deux processus, ce qui le rend plus léger qu&apos;une file.&lt;/p&gt;&lt;p&gt;L&apos;exercice : deux processus se renvoient un petit message et mesurent la durée des allers-retours. Un aller-retour, ce sont deux messages, chacun sérialisé, écrit dans le noyau et réveillé de l&apos;autre côté.&lt;/p&gt;&lt;p&gt;Cette durée est le plancher de toute conversation entre processus. Comparez-la à la durée de votre tâche : une tâche beaucoup plus courte qu&apos;un aller-retour ne vaut pas la peine d&apos;être envoyée.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A round trip takes some microseconds: thousands of times an addition.</source>
        <translation>Un aller-retour prend quelques microsecondes : des milliers de fois une addition.</translation>
    </message>
    <message>
        <source>The 10,000 round trips give a steadier figure per trip than the first 100.</source>
        <translation>Les 10 000 allers-retours donnent une durée par aller-retour plus stable que les 100 premiers.</translation>
    </message>
    <message>
        <source>A round trip takes about 20 µs. Is it worth sending tasks of 1 µs each, one message per task?</source>
        <translation>Un aller-retour prend environ 20 µs. Vaut-il la peine d&apos;envoyer des tâches de 1 µs, un message par tâche ?</translation>
    </message>
    <message>
        <source>Yes, the more processes the better.</source>
        <translation>Oui, plus il y a de processus, mieux c&apos;est.</translation>
    </message>
    <message>
        <source>No: the messages would cost 20 times the work; group the tasks.</source>
        <translation>Non : les messages coûteraient 20 fois le travail ; il faut regrouper les tâches.</translation>
    </message>
    <message>
        <source>Only with a duplex pipe.</source>
        <translation>Seulement avec un tube bidirectionnel.</translation>
    </message>
    <message>
        <source>Communication must be paid for by work. Send bigger pieces of work (chunks), so each message carries enough of it.</source>
        <translation>La communication doit être payée par du travail. Envoyez de plus gros morceaux de travail (des paquets), pour que chaque message en transporte assez.</translation>
    </message>
    <message>
        <source>Lock, with and without</source>
        <translation>Lock, avec et sans</translation>
    </message>
    <message>
        <source>&lt;p&gt;Processes that share something (here, the terminal) can get in each other&apos;s way. Ten processes each print &lt;i&gt;hello world i&lt;/i&gt; in three pieces, with a pause in between. Without a lock, pieces from different processes mix into garbled lines.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;Lock&lt;/b&gt; lets one process at a time through: &lt;code&gt;lock.acquire()&lt;/code&gt; waits until the lock is free and takes it, &lt;code&gt;lock.release()&lt;/code&gt; gives it back (&lt;code&gt;with lock:&lt;/code&gt; does both). Everything between them is a &lt;b&gt;critical section&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The lock keeps lines whole; it does not decide who goes first. The order of the lines still changes from run to run.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Des processus qui partagent quelque chose (ici, le terminal) peuvent se gêner. Dix processus affichent chacun &lt;i&gt;hello world i&lt;/i&gt; en trois morceaux, avec une pause entre eux. Sans verrou, les morceaux de différents processus se mélangent en lignes brouillées.&lt;/p&gt;&lt;p&gt;Un &lt;b&gt;Lock&lt;/b&gt; (verrou) ne laisse passer qu&apos;un processus à la fois : &lt;code&gt;lock.acquire()&lt;/code&gt; attend que le verrou soit libre et le prend, &lt;code&gt;lock.release()&lt;/code&gt; le rend (&lt;code&gt;with lock:&lt;/code&gt; fait les deux). Tout ce qui se trouve entre les deux est une &lt;b&gt;section critique&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Le verrou garde les lignes entières ; il ne décide pas qui passe le premier. L&apos;ordre des lignes change encore d&apos;une exécution à l&apos;autre.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run, without the lock: pieces of different lines are mixed.</source>
        <translation>Première exécution, sans verrou : des morceaux de lignes différentes se mélangent.</translation>
    </message>
    <message>
        <source>Second run, with the lock: every line is whole.</source>
        <translation>Deuxième exécution, avec le verrou : chaque ligne est entière.</translation>
    </message>
    <message>
        <source>With the lock the numbers still come in no fixed order.</source>
        <translation>Avec le verrou, les numéros arrivent toujours dans un ordre quelconque.</translation>
    </message>
    <message>
        <source>What does the lock guarantee in this example?</source>
        <translation>Que garantit le verrou dans cet exemple ?</translation>
    </message>
    <message>
        <source>The lines come out in the order 0, 1, 2, ...</source>
        <translation>Les lignes sortent dans l&apos;ordre 0, 1, 2, ...</translation>
    </message>
    <message>
        <source>No two processes are between acquire() and release() at the same time.</source>
        <translation>Jamais deux processus ne se trouvent en même temps entre acquire() et release().</translation>
    </message>
    <message>
        <source>The program runs faster.</source>
        <translation>Le programme s&apos;exécute plus vite.</translation>
    </message>
    <message>
        <source>Each process runs on its own core.</source>
        <translation>Chaque processus s&apos;exécute sur son propre cœur.</translation>
    </message>
    <message>
        <source>A lock gives mutual exclusion, nothing more: whoever holds it works alone in the critical section. Which waiting process gets it next is up to the scheduler, so the order varies.</source>
        <translation>Un verrou donne l&apos;exclusion mutuelle, rien de plus : celui qui le tient travaille seul dans la section critique. Quel processus en attente l&apos;obtient ensuite dépend de l&apos;ordonnanceur, d&apos;où l&apos;ordre variable.</translation>
    </message>
    <message>
        <source>Shared memory and lost updates</source>
        <translation>Mémoire partagée et mises à jour perdues</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;code&gt;Value&lt;/code&gt; and &lt;code&gt;Array&lt;/code&gt; live in &lt;b&gt;shared memory&lt;/b&gt;: every process sees the same bytes, with no copying. Fast, but now two processes can change the same number at once.&lt;/p&gt;&lt;p&gt;&lt;code&gt;counter.value += 1&lt;/code&gt; looks like one step and is three: read the value, add one, write it back. If another process writes between our read and our write, one of the two increments is lost.&lt;/p&gt;&lt;p&gt;The fix is to hold the value&apos;s lock around all three steps: &lt;code&gt;with counter.get_lock(): counter.value += 1&lt;/code&gt;. The lock built into a &lt;code&gt;Value&lt;/code&gt; only protects each single read or write, not the pair.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;Value&lt;/code&gt; et &lt;code&gt;Array&lt;/code&gt; vivent en &lt;b&gt;mémoire partagée&lt;/b&gt; : tous les processus voient les mêmes octets, sans copie. C&apos;est rapide, mais deux processus peuvent maintenant modifier le même nombre en même temps.&lt;/p&gt;&lt;p&gt;&lt;code&gt;counter.value += 1&lt;/code&gt; a l&apos;air d&apos;une seule étape et en compte trois : lire la valeur, ajouter un, la réécrire. Si un autre processus écrit entre notre lecture et notre écriture, l&apos;un des deux incréments est perdu.&lt;/p&gt;&lt;p&gt;La solution est de tenir le verrou de la valeur autour des trois étapes : &lt;code&gt;with counter.get_lock(): counter.value += 1&lt;/code&gt;. Le verrou intégré à une &lt;code&gt;Value&lt;/code&gt; ne protège que chaque lecture ou écriture isolée, pas la paire.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Without the lock the total falls short of the expected count.</source>
        <translation>Sans verrou, le total est inférieur au compte attendu.</translation>
    </message>
    <message>
        <source>With get_lock() the total is exact every time.</source>
        <translation>Avec get_lock(), le total est exact à chaque fois.</translation>
    </message>
    <message>
        <source>How many updates are lost changes from run to run.</source>
        <translation>Le nombre de mises à jour perdues change d&apos;une exécution à l&apos;autre.</translation>
    </message>
    <message>
        <source>4 processes each add 1 to a shared counter 20,000 times, without a lock. What can the total be?</source>
        <translation>4 processus ajoutent chacun 1 à un compteur partagé, 20 000 fois, sans verrou. Que peut valoir le total ?</translation>
    </message>
    <message>
        <source>Always 80,000.</source>
        <translation>Toujours 80 000.</translation>
    </message>
    <message>
        <source>80,000 or less, different from run to run.</source>
        <translation>80 000 ou moins, différent d&apos;une exécution à l&apos;autre.</translation>
    </message>
    <message>
        <source>More than 80,000.</source>
        <translation>Plus de 80 000.</translation>
    </message>
    <message>
        <source>Always 20,000.</source>
        <translation>Toujours 20 000.</translation>
    </message>
    <message>
        <source>Each lost update is an increment overwritten by another process that read the same old value. It can only lose increments, never add any, and how many depends on timing.</source>
        <translation>Chaque mise à jour perdue est un incrément écrasé par un autre processus qui avait lu la même ancienne valeur. On ne peut que perdre des incréments, jamais en gagner, et combien dépend du minutage.</translation>
    </message>
    <message>
        <source>Manager: shared dicts and lists</source>
        <translation>Manager : dictionnaires et listes partagés</translation>
    </message>
    <message>
        <source>&lt;p&gt;Shared memory holds numbers and arrays. For a dict or a list, Python offers a &lt;b&gt;Manager&lt;/b&gt;: a server process that owns the real objects. &lt;code&gt;manager.dict()&lt;/code&gt; and &lt;code&gt;manager.list()&lt;/code&gt; return &lt;b&gt;proxies&lt;/b&gt;; every operation on a proxy is a message to the server and an answer back.&lt;/p&gt;&lt;p&gt;That makes managers flexible (any process can use the proxy, even over a network) and slow compared with shared memory: each &lt;code&gt;d[key] = value&lt;/code&gt; is a round trip.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La mémoire partagée contient des nombres et des tableaux. Pour un dictionnaire ou une liste, Python propose un &lt;b&gt;Manager&lt;/b&gt; : un processus serveur qui possède les vrais objets. &lt;code&gt;manager.dict()&lt;/code&gt; et &lt;code&gt;manager.list()&lt;/code&gt; renvoient des &lt;b&gt;proxys&lt;/b&gt; ; chaque opération sur un proxy est un message au serveur, suivi d&apos;une réponse.&lt;/p&gt;&lt;p&gt;Les managers sont donc souples (n&apos;importe quel processus peut utiliser le proxy, même à travers le réseau) et lents comparés à la mémoire partagée : chaque &lt;code&gt;d[key] = value&lt;/code&gt; est un aller-retour.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The child&apos;s changes are visible in the parent: the dict and the reversed list.</source>
        <translation>Les modifications de l&apos;enfant sont visibles dans le parent : le dictionnaire et la liste inversée.</translation>
    </message>
    <message>
        <source>The manager is a process of its own, next to the child.</source>
        <translation>Le manager est un processus à part entière, à côté de l&apos;enfant.</translation>
    </message>
    <message>
        <source>Where does the dictionary created by manager.dict() really live?</source>
        <translation>Où vit réellement le dictionnaire créé par manager.dict() ?</translation>
    </message>
    <message>
        <source>In the parent&apos;s memory.</source>
        <translation>Dans la mémoire du parent.</translation>
    </message>
    <message>
        <source>In shared memory that all processes map.</source>
        <translation>Dans une mémoire partagée que tous les processus projettent.</translation>
    </message>
    <message>
        <source>In the manager&apos;s server process; the others hold proxies.</source>
        <translation>Dans le processus serveur du manager ; les autres tiennent des proxys.</translation>
    </message>
    <message>
        <source>The manager&apos;s server process owns the object. A proxy forwards each operation to it as a message, which is why any process can use it, and why each use costs a round trip.</source>
        <translation>Le processus serveur du manager possède l&apos;objet. Un proxy lui transmet chaque opération sous forme de message : c&apos;est pourquoi tout processus peut s&apos;en servir, et pourquoi chaque utilisation coûte un aller-retour.</translation>
    </message>
    <message>
        <source>Start methods: spawn, fork, forkserver</source>
        <translation>Méthodes de démarrage : spawn, fork, forkserver</translation>
    </message>
    <message>
        <source>&lt;p&gt;There are three ways to start a child. &lt;b&gt;spawn&lt;/b&gt; runs a fresh interpreter that imports your program (the default on Windows and macOS). &lt;b&gt;fork&lt;/b&gt; copies the parent as it is, memory and all (Unix only). &lt;b&gt;forkserver&lt;/b&gt; starts one clean server process early, and each new child is forked from that server.&lt;/p&gt;&lt;p&gt;Forking is quick, but copying a parent that runs threads is unsafe: a lock held by another thread at that instant stays locked forever in the copy. ProcLab&apos;s engine runs threads, so it offers spawn and forkserver, and uses forkserver unless told otherwise, as Python 3.14 does on Linux.&lt;/p&gt;&lt;p&gt;Measured by &lt;code&gt;proclab-cli bench&lt;/code&gt; on a quiet 2-core machine: two ProcLab workers were ready in 5.5 ms with spawn and in 5.6 ms with forkserver once its server was up (a bare exec of a tiny C++ program: 3.1 ms). CPython&apos;s &lt;code&gt;Pool(2)&lt;/code&gt; took 111 ms and 73 ms there. A spawned child pays for what its new program loads before it can work: CPython loads its interpreter and imports your program. ProcLab&apos;s spawned pool worker is a small program without Qt that becomes the full worker only when a task needs it; started as the full worker, which loads Qt first, the two take 22 ms. A forked child is a copy of a server that already loaded everything.&lt;/p&gt;&lt;p&gt;Choose one with &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; or &lt;code&gt;set_start_method()&lt;/code&gt; under the &lt;code&gt;__main__&lt;/code&gt; guard.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Il y a trois façons de lancer un enfant. &lt;b&gt;spawn&lt;/b&gt; exécute un interpréteur neuf qui importe votre programme (la méthode par défaut sous Windows et macOS). &lt;b&gt;fork&lt;/b&gt; copie le parent tel quel, mémoire comprise (Unix seulement). &lt;b&gt;forkserver&lt;/b&gt; démarre tôt un processus serveur propre, et chaque nouvel enfant est obtenu par fork de ce serveur.&lt;/p&gt;&lt;p&gt;Le fork est rapide, mais copier un parent qui exécute des threads est dangereux : un verrou tenu à cet instant par un autre thread reste verrouillé pour toujours dans la copie. Le moteur de ProcLab utilise des threads ; il propose donc spawn et forkserver, et utilise forkserver sauf avis contraire, comme Python 3.14 sous Linux.&lt;/p&gt;&lt;p&gt;Mesuré par &lt;code&gt;proclab-cli bench&lt;/code&gt; sur une machine à 2 cœurs au repos : deux processus de travail ProcLab étaient prêts en 5.5 ms avec spawn et en 5.6 ms avec forkserver une fois son serveur lancé (un simple exec d&apos;un petit programme C++ : 3.1 ms). Le &lt;code&gt;Pool(2)&lt;/code&gt; de CPython y a mis 111 ms et 73 ms. Un enfant lancé par spawn paie ce que son nouveau programme charge avant de pouvoir travailler : CPython charge son interpréteur et importe votre programme. Le processus de pool que ProcLab lance par spawn est un petit programme sans Qt qui ne devient le processus complet que lorsqu&apos;une tâche en a besoin ; lancés d&apos;emblée comme processus complets, qui chargent d&apos;abord Qt, les deux prennent 22 ms. Un enfant obtenu par fork est la copie d&apos;un serveur qui a déjà tout chargé.&lt;/p&gt;&lt;p&gt;On choisit avec &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; ou &lt;code&gt;set_start_method()&lt;/code&gt;, sous la garde &lt;code&gt;__main__&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A spawned child pays for loading its program; a forked child is a copy of one that already did.</source>
        <translation>Un enfant lancé par spawn paie le chargement de son programme ; un enfant obtenu par fork est la copie d&apos;un processus qui l&apos;a déjà fait.</translation>
    </message>
    <message>
        <source>The server itself starts once; its cost is paid by the first pool only.</source>
        <translation>Le serveur lui-même ne démarre qu&apos;une fois ; seul le premier pool en paie le coût.</translation>
    </message>
    <message>
        <source>Why is fork risky in a program that runs threads?</source>
        <translation>Pourquoi fork est-il risqué dans un programme qui exécute des threads ?</translation>
    </message>
    <message>
        <source>The child copies locks that other threads may hold, and nobody will release them.</source>
        <translation>L&apos;enfant copie des verrous que d&apos;autres threads tiennent peut-être, et personne ne les relâchera.</translation>
    </message>
    <message>
        <source>fork is slower than spawn.</source>
        <translation>fork est plus lent que spawn.</translation>
    </message>
    <message>
        <source>A forked child cannot print.</source>
        <translation>Un enfant obtenu par fork ne peut pas afficher de texte.</translation>
    </message>
    <message>
        <source>fork copies only the calling thread. Locks held by the other threads are copied locked, and the threads that would release them do not exist in the child: it can hang for ever.</source>
        <translation>fork ne copie que le thread appelant. Les verrous tenus par les autres threads sont copiés verrouillés, et les threads qui les relâcheraient n&apos;existent pas dans l&apos;enfant : il peut rester bloqué pour toujours.</translation>
    </message>
    <message>
        <source>Threads vs processes and the GIL</source>
        <translation>Threads ou processus, et le GIL</translation>
    </message>
    <message>
        <source>&lt;p&gt;Threads live inside one process and share its memory, so starting them is cheap. But in CPython a thread must hold the &lt;b&gt;Global Interpreter Lock&lt;/b&gt; to run Python code: only one thread computes at a time, and they take turns (every 5 ms by default).&lt;/p&gt;&lt;p&gt;So for CPU-bound work, 2 threads take as long as 1. Processes each have their own interpreter and their own GIL, and really run in parallel, one per core. Threads still help for waiting (files, network, &lt;code&gt;sleep&lt;/code&gt;): a waiting thread lets go of the GIL.&lt;/p&gt;&lt;p&gt;The experiment runs the same CPU-bound tasks with threads that share a GIL, with threads without one (as in C++), and with processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les threads vivent dans un seul processus et partagent sa mémoire : les lancer ne coûte presque rien. Mais dans CPython, un thread doit tenir le &lt;b&gt;Global Interpreter Lock&lt;/b&gt; (verrou global de l&apos;interpréteur) pour exécuter du code Python : un seul thread calcule à la fois, et ils se relaient (toutes les 5 ms par défaut).&lt;/p&gt;&lt;p&gt;Pour un travail de calcul, 2 threads prennent donc autant de temps qu&apos;un seul. Les processus ont chacun leur interpréteur et leur GIL, et s&apos;exécutent vraiment en parallèle, un par cœur. Les threads restent utiles pour attendre (fichiers, réseau, &lt;code&gt;sleep&lt;/code&gt;) : un thread qui attend lâche le GIL.&lt;/p&gt;&lt;p&gt;L&apos;expérience exécute les mêmes tâches de calcul avec des threads qui partagent un GIL, avec des threads sans GIL (comme en C++) et avec des processus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Threads sharing a GIL: p = 2 is no faster than p = 1.</source>
        <translation>Threads partageant un GIL : p = 2 n&apos;est pas plus rapide que p = 1.</translation>
    </message>
    <message>
        <source>Threads without a GIL and processes both come close to a speedup of 2.</source>
        <translation>Les threads sans GIL et les processus approchent tous deux d&apos;une accélération de 2.</translation>
    </message>
    <message>
        <source>Processes pay a start-up cost that threads do not.</source>
        <translation>Les processus paient un coût de démarrage que les threads ne paient pas.</translation>
    </message>
    <message>
        <source>A CPU-bound Python function runs on 4 threads on a 4-core machine. Speedup?</source>
        <translation>Une fonction Python de calcul tourne sur 4 threads, sur une machine à 4 cœurs. Quelle accélération ?</translation>
    </message>
    <message>
        <source>About 4.</source>
        <translation>Environ 4.</translation>
    </message>
    <message>
        <source>About 2.</source>
        <translation>Environ 2.</translation>
    </message>
    <message>
        <source>About 1: the GIL lets one thread compute at a time.</source>
        <translation>Environ 1 : le GIL ne laisse calculer qu&apos;un thread à la fois.</translation>
    </message>
    <message>
        <source>With the GIL, the threads take turns on the interpreter: the total work is done at the pace of one core. Use processes (or code that releases the GIL) for CPU-bound work.</source>
        <translation>Avec le GIL, les threads se relaient sur l&apos;interpréteur : le travail total avance au rythme d&apos;un seul cœur. Pour le calcul, utilisez des processus (ou du code qui relâche le GIL).</translation>
    </message>
    <message>
        <source>Monte Carlo pi, scaling and Amdahl&apos;s law</source>
        <translation>Pi par Monte-Carlo, passage à l&apos;échelle et loi d&apos;Amdahl</translation>
    </message>
    <message>
        <source>&lt;p&gt;Throw random points into a square of side 2 and count those that land in the circle of radius 1: the fraction tends to π/4. The throws are independent, so they split into tasks that never need to talk: an ideal case for processes.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Speedup&lt;/b&gt; is T(1)/T(p); &lt;b&gt;efficiency&lt;/b&gt; is speedup/p. &lt;b&gt;Amdahl&apos;s law&lt;/b&gt; says that if a fraction f of the run is serial, T(p) = T(1)·(f + (1 − f)/p), so the speedup can never pass 1/f. ProcLab fits f to the measured times.&lt;/p&gt;&lt;p&gt;Beyond the number of cores, more processes only take turns on the same cores.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lancez des points au hasard dans un carré de côté 2 et comptez ceux qui tombent dans le cercle de rayon 1 : la proportion tend vers π/4. Les lancers sont indépendants : ils se découpent en tâches qui n&apos;ont jamais besoin de se parler, un cas idéal pour les processus.&lt;/p&gt;&lt;p&gt;L&apos;&lt;b&gt;accélération&lt;/b&gt; est T(1)/T(p) ; l&apos;&lt;b&gt;efficacité&lt;/b&gt; est accélération/p. La &lt;b&gt;loi d&apos;Amdahl&lt;/b&gt; dit que si une fraction f de l&apos;exécution est séquentielle, T(p) = T(1)·(f + (1 − f)/p), et l&apos;accélération ne peut jamais dépasser 1/f. ProcLab ajuste f aux temps mesurés.&lt;/p&gt;&lt;p&gt;Au-delà du nombre de cœurs, les processus supplémentaires ne font que se relayer sur les mêmes cœurs.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The estimate of pi is the same for every p: each task has its own seed.</source>
        <translation>L&apos;estimation de pi est la même pour tout p : chaque tâche a sa propre graine.</translation>
    </message>
    <message>
        <source>Up to the number of cores the wall time falls nearly as 1/p.</source>
        <translation>Jusqu&apos;au nombre de cœurs, le temps écoulé baisse presque comme 1/p.</translation>
    </message>
    <message>
        <source>Past the cores it stops falling; the fitted serial fraction tells how far from ideal the run is.</source>
        <translation>Au-delà des cœurs, il cesse de baisser ; la fraction séquentielle ajustée dit à quelle distance de l&apos;idéal se trouve l&apos;exécution.</translation>
    </message>
    <message>
        <source>A program is 10 % serial. What is the largest speedup any number of processes can give?</source>
        <translation>Un programme est séquentiel à 10 %. Quelle est la plus grande accélération que peut donner un nombre quelconque de processus ?</translation>
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
        <translation>Illimitée, avec assez de processus.</translation>
    </message>
    <message>
        <source>1.1</source>
        <translation>1,1</translation>
    </message>
    <message>
        <source>With f = 0.1, T(p) never drops below 0.1·T(1), however large p is, so the speedup stays below 1/0.1 = 10.</source>
        <translation>Avec f = 0,1, T(p) ne descend jamais sous 0,1·T(1), quelle que soit la taille de p : l&apos;accélération reste inférieure à 1/0,1 = 10.</translation>
    </message>
    <message>
        <source>Map-reduce: counting letters</source>
        <translation>Map-reduce : compter les lettres</translation>
    </message>
    <message>
        <source>&lt;p&gt;The War and Peace exercise: count how often each letter appears in a folder of books. It splits into two steps. &lt;b&gt;Map&lt;/b&gt;: each task counts the letters of one file into a &lt;code&gt;Counter&lt;/code&gt;, in a worker. &lt;b&gt;Reduce&lt;/b&gt;: the main process adds the Counters up.&lt;/p&gt;&lt;p&gt;The tutorial&apos;s files are in the Russian cp1251 encoding: a file must be read with the encoding it was written in. Files differ in size, so some tasks take longer than others; the pool hands the next file to whichever worker is free.&lt;/p&gt;&lt;p&gt;Here the text is a generated sample corpus; in the experiment panel you can point the workload at your own files.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;exercice de Guerre et Paix : compter combien de fois chaque lettre apparaît dans un dossier de livres. Il se découpe en deux étapes. &lt;b&gt;Map&lt;/b&gt; : chaque tâche compte les lettres d&apos;un fichier dans un &lt;code&gt;Counter&lt;/code&gt;, dans un processus de travail. &lt;b&gt;Reduce&lt;/b&gt; : le processus principal additionne les Counter.&lt;/p&gt;&lt;p&gt;Les fichiers du tutoriel sont dans l&apos;encodage russe cp1251 : un fichier doit être lu avec l&apos;encodage dans lequel il a été écrit. Les fichiers n&apos;ont pas la même taille, donc certaines tâches durent plus que d&apos;autres ; le pool donne le fichier suivant au premier processus libre.&lt;/p&gt;&lt;p&gt;Ici, le texte est un corpus d&apos;exemple généré ; dans le panneau d&apos;expérience, vous pouvez diriger la charge de travail vers vos propres fichiers.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The counts are checked against a serial count: the verified column.</source>
        <translation>Les comptes sont vérifiés par rapport à un comptage séquentiel : la colonne « vérifié ».</translation>
    </message>
    <message>
        <source>The speedup is below 2: reading files and adding the Counters up are not split.</source>
        <translation>L&apos;accélération reste sous 2 : la lecture des fichiers et l&apos;addition des Counter ne sont pas réparties.</translation>
    </message>
    <message>
        <source>In this map-reduce, where are the per-file Counters added up?</source>
        <translation>Dans ce map-reduce, où les Counter de chaque fichier sont-ils additionnés ?</translation>
    </message>
    <message>
        <source>In each worker, before it reads the next file.</source>
        <translation>Dans chaque processus, avant qu&apos;il lise le fichier suivant.</translation>
    </message>
    <message>
        <source>In the main process, once the results are back.</source>
        <translation>Dans le processus principal, une fois les résultats revenus.</translation>
    </message>
    <message>
        <source>In shared memory, by all the workers at once.</source>
        <translation>En mémoire partagée, par tous les processus à la fois.</translation>
    </message>
    <message>
        <source>Each worker returns its own Counter; the main process reduces them with +. Nothing is shared while the workers count, so they need no lock.</source>
        <translation>Chaque processus renvoie son propre Counter ; le processus principal les réduit avec +. Rien n&apos;est partagé pendant que les processus comptent : ils n&apos;ont besoin d&apos;aucun verrou.</translation>
    </message>
    <message>
        <source>Matrix multiplication in parallel</source>
        <translation>Multiplication de matrices en parallèle</translation>
    </message>
    <message>
        <source>&lt;p&gt;In C = A·B, each row of C needs one row of A and all of B. So the rows split into blocks, one block per task, and the exercise asks to time N = 128, 256, 512 and to check the result against the serial product.&lt;/p&gt;&lt;p&gt;The cost to watch is data movement: B is needed by every task. Sending it with each task would copy it again and again. ProcLab puts A, B and C in &lt;b&gt;shared memory&lt;/b&gt;, so tasks carry only their row range; in Python a pool initializer or &lt;code&gt;shared_memory&lt;/code&gt; does the same.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dans C = A·B, chaque ligne de C a besoin d&apos;une ligne de A et de tout B. Les lignes se découpent donc en blocs, un bloc par tâche ; l&apos;exercice demande de mesurer N = 128, 256, 512 et de vérifier le résultat par rapport au produit séquentiel.&lt;/p&gt;&lt;p&gt;Le coût à surveiller est le déplacement des données : chaque tâche a besoin de B. L&apos;envoyer avec chaque tâche le copierait encore et encore. ProcLab place A, B et C en &lt;b&gt;mémoire partagée&lt;/b&gt;, si bien que les tâches ne transportent que leur plage de lignes ; en Python, un initialiseur de pool ou &lt;code&gt;shared_memory&lt;/code&gt; fait de même.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each run is checked against the serial product.</source>
        <translation>Chaque exécution est vérifiée par rapport au produit séquentiel.</translation>
    </message>
    <message>
        <source>Try n = 512 in the experiment panel: a bigger matrix scales better.</source>
        <translation>Essayez n = 512 dans le panneau d&apos;expérience : une matrice plus grande passe mieux à l&apos;échelle.</translation>
    </message>
    <message>
        <source>Why not send the whole matrix B along with every task?</source>
        <translation>Pourquoi ne pas envoyer toute la matrice B avec chaque tâche ?</translation>
    </message>
    <message>
        <source>Copying it for every task could cost more than the multiplication saves.</source>
        <translation>La copier pour chaque tâche pourrait coûter plus que ce que la multiplication fait gagner.</translation>
    </message>
    <message>
        <source>B cannot be pickled.</source>
        <translation>B ne peut pas être sérialisée par pickle.</translation>
    </message>
    <message>
        <source>Workers may only read data from a Queue.</source>
        <translation>Les processus ne peuvent lire des données que depuis une Queue.</translation>
    </message>
    <message>
        <source>B is N² numbers. Sent with each of many tasks, it is copied many times; put it once where every worker can read it and the tasks stay small.</source>
        <translation>B compte N² nombres. Envoyée avec chacune de nombreuses tâches, elle est copiée de nombreuses fois ; placez-la une seule fois là où chaque processus peut la lire, et les tâches restent petites.</translation>
    </message>
    <message>
        <source>The kernel density estimation benchmark</source>
        <translation>Le banc d&apos;essai de l&apos;estimation de densité par noyau</translation>
    </message>
    <message>
        <source>&lt;p&gt;Kernel density estimation guesses a probability density from samples. The Parzen-window version counts the samples inside a window of width h around a point and divides by the window&apos;s volume; a Gaussian window weighs every sample by its distance instead.&lt;/p&gt;&lt;p&gt;Estimating at many points is many independent sums over all the samples: a CPU-bound, embarrassingly parallel benchmark. The tutorial compared a serial loop with pools of 2 and more processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;estimation de densité par noyau devine une densité de probabilité à partir d&apos;échantillons. La méthode de la fenêtre de Parzen compte les échantillons situés dans une fenêtre de largeur h autour d&apos;un point et divise par le volume de la fenêtre ; une fenêtre gaussienne pondère plutôt chaque échantillon selon sa distance.&lt;/p&gt;&lt;p&gt;Estimer en de nombreux points, ce sont de nombreuses sommes indépendantes sur tous les échantillons : un banc d&apos;essai de calcul, parallèle sans effort. Le tutoriel comparait une boucle séquentielle à des pools de 2 processus et plus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each estimate is checked against a serial computation.</source>
        <translation>Chaque estimation est vérifiée par rapport à un calcul séquentiel.</translation>
    </message>
    <message>
        <source>Make the problem bigger (n, queries) in the experiment panel: the efficiency rises as the work grows against the fixed costs.</source>
        <translation>Agrandissez le problème (n, queries) dans le panneau d&apos;expérience : l&apos;efficacité augmente à mesure que le travail grandit face aux coûts fixes.</translation>
    </message>
    <message>
        <source>Why does a bigger problem usually give a better speedup?</source>
        <translation>Pourquoi un problème plus grand donne-t-il en général une meilleure accélération ?</translation>
    </message>
    <message>
        <source>The fixed costs (start-up, messages) become a smaller part of the run.</source>
        <translation>Les coûts fixes (démarrage, messages) deviennent une plus petite part de l&apos;exécution.</translation>
    </message>
    <message>
        <source>Big problems get more cores from the system.</source>
        <translation>Les gros problèmes obtiennent plus de cœurs du système.</translation>
    </message>
    <message>
        <source>It does not: the speedup never depends on the size.</source>
        <translation>Ce n&apos;est pas le cas : l&apos;accélération ne dépend jamais de la taille.</translation>
    </message>
    <message>
        <source>Starting workers and sending messages cost about the same whatever the size. The more work there is, the smaller their share, so the serial fraction shrinks (Gustafson&apos;s view of Amdahl).</source>
        <translation>Démarrer les processus et envoyer les messages coûte à peu près la même chose quelle que soit la taille. Plus il y a de travail, plus leur part est petite : la fraction séquentielle diminue (le point de vue de Gustafson sur Amdahl).</translation>
    </message>
    <message>
        <source>Runs the demos %1 (pool size %2 where a demo has a choice).</source>
        <translation>Lance les démos %1 (taille du pool : %2 quand une démo laisse le choix).</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>Chunksizes: %1.</source>
        <translation>Tailles de paquet : %1.</translation>
    </message>
    <message>
        <source>Measures %1 (%2) with p = 1 to %3: %4.</source>
        <translation>Mesure %1 (%2) avec p = 1 à %3 : %4.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every task a pool hands out costs something apart from the work: the input is pickled, sent through a pipe, unpickled in the worker, and the result makes the same trip back. For &lt;code&gt;x*x+1&lt;/code&gt; that toll is hundreds of times the work itself, so a pool can be far slower than a plain loop.&lt;/p&gt;&lt;p&gt;The cure is to send tasks in &lt;b&gt;chunks&lt;/b&gt;: &lt;code&gt;pool.map(f, inputs, chunksize=100)&lt;/code&gt; pays the toll once per hundred tasks. When you give no chunksize, &lt;code&gt;Pool.map&lt;/code&gt; picks &lt;code&gt;ceil(len(inputs) / (4 × processes))&lt;/code&gt;. In the tutorial, 10,000 small jobs took 4.2 s with chunks of 1 and 1.3 s with chunks of 100.&lt;/p&gt;&lt;p&gt;This experiment computes &lt;code&gt;x*x+1&lt;/code&gt; for 20,000 inputs, with chunks of 1 and with Python&apos;s default.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Chaque tâche distribuée par un pool coûte quelque chose en plus du travail : l&apos;entrée est sérialisée, envoyée dans un tube, désérialisée dans le processus, et le résultat fait le même trajet en sens inverse. Pour &lt;code&gt;x*x+1&lt;/code&gt;, ce péage vaut des centaines de fois le travail lui-même : un pool peut être bien plus lent qu&apos;une simple boucle.&lt;/p&gt;&lt;p&gt;Le remède est d&apos;envoyer les tâches par &lt;b&gt;paquets&lt;/b&gt; (chunks) : &lt;code&gt;pool.map(f, inputs, chunksize=100)&lt;/code&gt; paie le péage une fois par centaine de tâches. Si vous ne donnez pas de chunksize, &lt;code&gt;Pool.map&lt;/code&gt; choisit &lt;code&gt;ceil(len(inputs) / (4 × processes))&lt;/code&gt;. Dans le tutoriel, 10 000 petites tâches prenaient 4,2 s par paquets de 1 et 1,3 s par paquets de 100.&lt;/p&gt;&lt;p&gt;Cette expérience calcule &lt;code&gt;x*x+1&lt;/code&gt; pour 20 000 entrées, par paquets de 1 et avec la valeur par défaut de Python.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>With chunksize 1 the same work takes longer: 20,000 trips instead of a few.</source>
        <translation>Avec un chunksize de 1, le même travail prend plus de temps : 20 000 voyages au lieu de quelques-uns.</translation>
    </message>
    <message>
        <source>The default chunksize is 2,500 for 2 processes: 8 trips in all.</source>
        <translation>Le chunksize par défaut vaut 2 500 pour 2 processus : 8 voyages en tout.</translation>
    </message>
    <message>
        <source>Compare p = 1 and p = 2: with tiny tasks, the main process that sends and receives them limits what a second worker can add.</source>
        <translation>Comparez p = 1 et p = 2 : avec des tâches minuscules, le processus principal, qui les envoie et les reçoit, limite ce qu&apos;un deuxième processus peut apporter.</translation>
    </message>
    <message>
        <source>Deadlock: two locks, two orders</source>
        <translation>Interblocage : deux verrous, deux ordres</translation>
    </message>
    <message>
        <source>&lt;p&gt;A process that needs two locks takes one, then the other. If another process takes the same two in the opposite order, each can end up holding one lock and waiting for the other: a &lt;b&gt;deadlock&lt;/b&gt;. Neither ever goes on, and Python does not notice: the program just hangs.&lt;/p&gt;&lt;p&gt;ProcLab follows who waits for whom from the lock events: worker 1 waits for lock B, held by worker 2, which waits for lock A, held by worker 1. A cycle in this &lt;b&gt;wait-for graph&lt;/b&gt; is a deadlock; the stage draws it in red within a second, and the demo stops both processes.&lt;/p&gt;&lt;p&gt;The cure is &lt;b&gt;lock ordering&lt;/b&gt;: give the locks one order and take them in that order everywhere (&lt;code&gt;with a: with b:&lt;/code&gt; in every process). The second run does just that, and both finish.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un processus qui a besoin de deux verrous en prend un, puis l&apos;autre. Si un autre processus prend les deux mêmes dans l&apos;ordre inverse, chacun peut finir par tenir un verrou en attendant l&apos;autre : c&apos;est un &lt;b&gt;interblocage&lt;/b&gt;. Aucun des deux n&apos;avance plus, et Python ne s&apos;en aperçoit pas : le programme reste bloqué.&lt;/p&gt;&lt;p&gt;ProcLab suit qui attend qui à partir des événements des verrous : worker 1 attend le verrou B, tenu par worker 2, qui attend le verrou A, tenu par worker 1. Un cycle dans ce &lt;b&gt;graphe d&apos;attente&lt;/b&gt; est un interblocage ; la scène le dessine en rouge en moins d&apos;une seconde, et la démo arrête les deux processus.&lt;/p&gt;&lt;p&gt;Le remède est l&apos;&lt;b&gt;ordre des verrous&lt;/b&gt; : donnez un ordre aux verrous et prenez-les dans cet ordre partout (&lt;code&gt;with a: with b:&lt;/code&gt; dans chaque processus). La deuxième exécution fait exactement cela, et les deux terminent.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run: each worker takes its first lock, then waits for the other&apos;s; the stage draws the cycle in red and names both processes and both locks.</source>
        <translation>Première exécution : chaque processus de travail prend son premier verrou, puis attend celui de l&apos;autre ; la scène dessine le cycle en rouge et nomme les deux processus et les deux verrous.</translation>
    </message>
    <message>
        <source>Second run: both take A before B; one waits for A a moment, then both finish.</source>
        <translation>Deuxième exécution : les deux prennent A avant B ; l&apos;un attend A un instant, puis les deux terminent.</translation>
    </message>
    <message>
        <source>Two processes need locks A and B. Which rule rules out a deadlock between them?</source>
        <translation>Deux processus ont besoin des verrous A et B. Quelle règle exclut un interblocage entre eux ?</translation>
    </message>
    <message>
        <source>Every process takes A before B.</source>
        <translation>Chaque processus prend A avant B.</translation>
    </message>
    <message>
        <source>Hold each lock as briefly as possible.</source>
        <translation>Tenir chaque verrou le moins longtemps possible.</translation>
    </message>
    <message>
        <source>Use more processes.</source>
        <translation>Utiliser plus de processus.</translation>
    </message>
    <message>
        <source>Release the locks in the order they were taken.</source>
        <translation>Libérer les verrous dans l&apos;ordre où ils ont été pris.</translation>
    </message>
    <message>
        <source>With one order no cycle can form: whoever holds A can always get B, and the other waits for A, not for something the first one waits for. Holding locks briefly makes a deadlock rarer, not impossible.</source>
        <translation>Avec un seul ordre, aucun cycle ne peut se former : celui qui tient A peut toujours obtenir B, et l&apos;autre attend A, pas quelque chose que le premier attend. Tenir les verrous peu de temps rend un interblocage plus rare, pas impossible.</translation>
    </message>
    <message>
        <source>joblib: Parallel and delayed</source>
        <translation>joblib : Parallel et delayed</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;joblib&lt;/b&gt; wraps a pool of worker processes in one line: &lt;code&gt;Parallel(n_jobs=2)(delayed(f)(x) for x in range(10))&lt;/code&gt;. &lt;code&gt;delayed(f)(x)&lt;/code&gt; does not call &lt;code&gt;f&lt;/code&gt;; it records the call, and &lt;code&gt;Parallel&lt;/code&gt; sends the recorded calls to 2 workers and gives the results back as a list, in the order of the calls, like &lt;code&gt;Pool.map&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;The tutorial prints &lt;code&gt;[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]&lt;/code&gt; twice: once from a plain list comprehension, once from &lt;code&gt;Parallel&lt;/code&gt;. Same list, computed elsewhere. joblib groups the calls into batches by itself, so tiny tasks like these do not pay a trip each.&lt;/p&gt;&lt;p&gt;The Python program needs joblib (Debian: &lt;code&gt;python3-joblib&lt;/code&gt;). ProcLab&apos;s run does what it does with its own pool of 2 worker processes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;joblib&lt;/b&gt; enveloppe un pool de processus de travail en une ligne : &lt;code&gt;Parallel(n_jobs=2)(delayed(f)(x) for x in range(10))&lt;/code&gt;. &lt;code&gt;delayed(f)(x)&lt;/code&gt; n&apos;appelle pas &lt;code&gt;f&lt;/code&gt; ; il enregistre l&apos;appel, et &lt;code&gt;Parallel&lt;/code&gt; envoie les appels enregistrés à 2 processus et rend les résultats sous forme de liste, dans l&apos;ordre des appels, comme &lt;code&gt;Pool.map&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Le tutoriel affiche deux fois &lt;code&gt;[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]&lt;/code&gt; : une fois par une simple compréhension de liste, une fois par &lt;code&gt;Parallel&lt;/code&gt;. Même liste, calculée ailleurs. joblib regroupe lui-même les appels en lots : de si petites tâches ne paient pas chacune un voyage.&lt;/p&gt;&lt;p&gt;Le programme Python a besoin de joblib (Debian : &lt;code&gt;python3-joblib&lt;/code&gt;). L&apos;exécution de ProcLab fait la même chose avec son propre pool de 2 processus de travail.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Both lines are [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]: the order of the calls.</source>
        <translation>Les deux lignes valent [0, 1, 4, 9, 16, 25, 36, 49, 64, 81] : l&apos;ordre des appels.</translation>
    </message>
    <message>
        <source>The second list was computed by two worker processes: see their pids.</source>
        <translation>La deuxième liste a été calculée par deux processus de travail : voyez leurs pid.</translation>
    </message>
    <message>
        <source>What does delayed(f)(x) do?</source>
        <translation>Que fait delayed(f)(x) ?</translation>
    </message>
    <message>
        <source>It calls f(x) after a pause.</source>
        <translation>Il appelle f(x) après une pause.</translation>
    </message>
    <message>
        <source>It records the call f(x) without making it, for Parallel to send to a worker.</source>
        <translation>Il enregistre l&apos;appel f(x) sans le faire, pour que Parallel l&apos;envoie à un processus.</translation>
    </message>
    <message>
        <source>It starts a process for f(x) at once.</source>
        <translation>Il lance tout de suite un processus pour f(x).</translation>
    </message>
    <message>
        <source>delayed(f) returns a function that packs (f, args) instead of calling f. Parallel takes these packed calls, hands them to its workers in batches, and collects the results in order.</source>
        <translation>delayed(f) renvoie une fonction qui emballe (f, args) au lieu d&apos;appeler f. Parallel prend ces appels emballés, les confie par lots à ses processus et rassemble les résultats dans l&apos;ordre.</translation>
    </message>
    <message>
        <source>sharedmem: MapReduce, critical and reduce</source>
        <translation>sharedmem : MapReduce, critical et reduce</translation>
    </message>
    <message>
        <source>&lt;p&gt;The tutorial&apos;s &lt;b&gt;sharedmem&lt;/b&gt; package gives NumPy arrays in shared memory and a pool, &lt;code&gt;MapReduce&lt;/code&gt;, whose workers see those arrays. Inside &lt;code&gt;work(i)&lt;/code&gt;, &lt;code&gt;with pool.critical:&lt;/code&gt; is a lock around &lt;code&gt;counter[:] += i&lt;/code&gt;: ten calls add 0 to 9, and the counter ends at &lt;b&gt;45&lt;/b&gt;, every time. Without the critical section updates could be lost.&lt;/p&gt;&lt;p&gt;Its &lt;code&gt;map(work, items, reduce=reduce)&lt;/code&gt; calls &lt;code&gt;reduce&lt;/code&gt; in the main process on each result &lt;b&gt;as it arrives&lt;/b&gt;: &lt;i&gt;chunk i done&lt;/i&gt; is printed as chunks finish, not in the order they were given.&lt;/p&gt;&lt;p&gt;sharedmem is not in Debian, so the program shown starts with the tutorial&apos;s code as a comment and then runs the same thing with plain multiprocessing: an &lt;code&gt;Array&lt;/code&gt; and a &lt;code&gt;Lock&lt;/code&gt; handed to the workers, and &lt;code&gt;imap_unordered&lt;/code&gt; feeding &lt;code&gt;reduce&lt;/code&gt;. ProcLab&apos;s run does that with its own Array, Lock and pool.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Le paquet &lt;b&gt;sharedmem&lt;/b&gt; du tutoriel fournit des tableaux NumPy en mémoire partagée et un pool, &lt;code&gt;MapReduce&lt;/code&gt;, dont les processus voient ces tableaux. Dans &lt;code&gt;work(i)&lt;/code&gt;, &lt;code&gt;with pool.critical:&lt;/code&gt; est un verrou autour de &lt;code&gt;counter[:] += i&lt;/code&gt; : dix appels ajoutent 0 à 9, et le compteur finit à &lt;b&gt;45&lt;/b&gt;, à chaque fois. Sans la section critique, des mises à jour pourraient se perdre.&lt;/p&gt;&lt;p&gt;Son &lt;code&gt;map(work, items, reduce=reduce)&lt;/code&gt; appelle &lt;code&gt;reduce&lt;/code&gt; dans le processus principal sur chaque résultat &lt;b&gt;dès son arrivée&lt;/b&gt; : &lt;i&gt;chunk i done&lt;/i&gt; s&apos;affiche à mesure que les paquets se terminent, pas dans l&apos;ordre où ils ont été donnés.&lt;/p&gt;&lt;p&gt;sharedmem n&apos;est pas dans Debian : le programme affiché commence donc par le code du tutoriel en commentaire, puis fait la même chose avec multiprocessing seul : un &lt;code&gt;Array&lt;/code&gt; et un &lt;code&gt;Lock&lt;/code&gt; confiés aux processus, et &lt;code&gt;imap_unordered&lt;/code&gt; qui alimente &lt;code&gt;reduce&lt;/code&gt;. L&apos;exécution de ProcLab fait cela avec ses propres Array, Lock et pool.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The counter is [45.0]: no update was lost inside the critical section.</source>
        <translation>Le compteur vaut [45.0] : aucune mise à jour ne s&apos;est perdue dans la section critique.</translation>
    </message>
    <message>
        <source>The &apos;chunk i done&apos; lines come as chunks finish: run it again, the order can change.</source>
        <translation>Les lignes « chunk i done » arrivent à mesure que les paquets se terminent : relancez, l&apos;ordre peut changer.</translation>
    </message>
    <message>
        <source>The last line, the sum of the reduced results, is the same every time.</source>
        <translation>La dernière ligne, la somme des résultats réduits, est toujours la même.</translation>
    </message>
    <message>
        <source>In sharedmem&apos;s MapReduce, where does the reduce callback run?</source>
        <translation>Dans le MapReduce de sharedmem, où s&apos;exécute la fonction reduce ?</translation>
    </message>
    <message>
        <source>In the worker that computed the chunk.</source>
        <translation>Dans le processus qui a calculé le paquet.</translation>
    </message>
    <message>
        <source>In the main process, on each result as it arrives.</source>
        <translation>Dans le processus principal, sur chaque résultat dès son arrivée.</translation>
    </message>
    <message>
        <source>In a separate reducer process, once all chunks are done.</source>
        <translation>Dans un processus de réduction à part, une fois tous les paquets finis.</translation>
    </message>
    <message>
        <source>The workers map; the main process reduces, one result at a time in the order they come back. That is why reduce may print without a lock, and why work(i) needs the critical section for the shared counter.</source>
        <translation>Les processus de travail font le map ; le processus principal fait la réduction, un résultat à la fois, dans l&apos;ordre où ils reviennent. Voilà pourquoi reduce peut afficher sans verrou, et pourquoi work(i) a besoin de la section critique pour le compteur partagé.</translation>
    </message>
    <message>
        <source>Tiny tasks, one trip each</source>
        <translation>Des tâches minuscules, un voyage chacune</translation>
    </message>
    <message>
        <source>In the breakdown, the chunksize-1 bars are mostly dispatch: the workers wait for their next task.</source>
        <translation>Dans la décomposition, les barres de chunksize 1 sont surtout de l&apos;envoi : les processus attendent leur tâche suivante.</translation>
    </message>
    <message>
        <source>The useful work is the same in both series: only the travel differs.</source>
        <translation>Le travail utile est le même dans les deux séries : seul le voyage diffère.</translation>
    </message>
    <message>
        <source>10,000 tasks of 5 µs each go to a pool with chunksize=1. What limits the run?</source>
        <translation>10 000 tâches de 5 µs chacune partent vers un pool avec chunksize=1. Qu&apos;est-ce qui limite l&apos;exécution ?</translation>
    </message>
    <message>
        <source>The number of cores.</source>
        <translation>Le nombre de cœurs.</translation>
    </message>
    <message>
        <source>The trip of every task to a worker and back, far longer than the task.</source>
        <translation>Le voyage de chaque tâche vers un processus et retour, bien plus long que la tâche.</translation>
    </message>
    <message>
        <source>The size of the results.</source>
        <translation>La taille des résultats.</translation>
    </message>
    <message>
        <source>The GIL of the main process.</source>
        <translation>Le GIL du processus principal.</translation>
    </message>
    <message>
        <source>Each trip costs tens of microseconds whatever the task. With tasks of 5 µs the pool spends most of its time carrying them; chunks of a few hundred share one trip between many tasks.</source>
        <translation>Chaque voyage coûte des dizaines de microsecondes, quelle que soit la tâche. Avec des tâches de 5 µs, le pool passe l&apos;essentiel de son temps à les transporter ; des paquets de quelques centaines partagent un voyage entre de nombreuses tâches.</translation>
    </message>
    <message>
        <source>Load imbalance: split once, wait for the last</source>
        <translation>Déséquilibre de charge : partager une fois, attendre le dernier</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: cutting the work into one piece per worker up front, as if every piece cost the same. Counting primes in &lt;code&gt;[0, 4,000,000)&lt;/code&gt; in ranges is such a case: a large number costs more to test than a small one, so the ranges at the top are the dear ones. Split in two halves, one worker gets the cheap half, finishes early and sits idle while the other works on.&lt;/p&gt;&lt;p&gt;The fix: many small pieces handed out as workers become free (&lt;b&gt;dynamic&lt;/b&gt; scheduling, as &lt;code&gt;imap_unordered(f, ranges, chunksize=1)&lt;/code&gt; does). Whoever is free takes the next piece, so the workers finish together.&lt;/p&gt;&lt;p&gt;The experiment counts primes in 32 ranges of rising cost: in 2 chunks of 16 ranges (one per worker, a static split) and in chunks of 1. The breakdown&apos;s &lt;b&gt;imbalance&lt;/b&gt; part is the time a worker sat idle while another still computed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;erreur : découper d&apos;avance le travail en un morceau par processus, comme si tous les morceaux coûtaient pareil. Compter les nombres premiers de &lt;code&gt;[0, 4 000 000)&lt;/code&gt; par intervalles en est un exemple : un grand nombre coûte plus cher à tester qu&apos;un petit, donc les intervalles du haut sont les plus chers. Coupé en deux moitiés, un processus reçoit la moitié bon marché, finit tôt et reste inactif pendant que l&apos;autre continue.&lt;/p&gt;&lt;p&gt;Le remède : beaucoup de petits morceaux distribués à mesure que les processus se libèrent (ordonnancement &lt;b&gt;dynamique&lt;/b&gt;, comme le fait &lt;code&gt;imap_unordered(f, ranges, chunksize=1)&lt;/code&gt;). Celui qui est libre prend le morceau suivant, et les processus finissent ensemble.&lt;/p&gt;&lt;p&gt;L&apos;expérience compte les nombres premiers dans 32 intervalles de coût croissant : en 2 paquets de 16 intervalles (un par processus, un partage statique) et en paquets de 1. La part &lt;b&gt;déséquilibre&lt;/b&gt; de la décomposition est le temps pendant lequel un processus est resté inactif alors qu&apos;un autre calculait encore.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 2, chunksize 16 is far from half the time of p = 1; chunksize 1 comes close to it.</source>
        <translation>À p = 2, chunksize 16 est loin de la moitié du temps de p = 1 ; chunksize 1 s&apos;en approche.</translation>
    </message>
    <message>
        <source>The breakdown of the chunksize-16 point at p = 2 has a large imbalance part.</source>
        <translation>La décomposition du point chunksize 16 à p = 2 a une grosse part de déséquilibre.</translation>
    </message>
    <message>
        <source>At p = 1 both take the same time: there is nobody to wait for.</source>
        <translation>À p = 1, les deux prennent le même temps : il n&apos;y a personne à attendre.</translation>
    </message>
    <message>
        <source>Tasks of very different costs go to 4 workers. Which split finishes first?</source>
        <translation>Des tâches de coûts très différents vont à 4 processus. Quel partage finit le premier ?</translation>
    </message>
    <message>
        <source>A quarter of the tasks to each worker, decided before the start.</source>
        <translation>Un quart des tâches à chaque processus, décidé avant le départ.</translation>
    </message>
    <message>
        <source>Small chunks, each to whichever worker is free.</source>
        <translation>De petits paquets, chacun au processus qui est libre.</translation>
    </message>
    <message>
        <source>Both alike: the total work is the same.</source>
        <translation>Les deux pareils : le travail total est le même.</translation>
    </message>
    <message>
        <source>A run lasts as long as its busiest worker. Fixed quarters give one worker the dearest tasks; small chunks handed out on demand even the load out, at the price of a few more trips.</source>
        <translation>Une exécution dure autant que son processus le plus chargé. Des quarts fixés donnent à un processus les tâches les plus chères ; de petits paquets distribués à la demande égalisent la charge, au prix de quelques voyages de plus.</translation>
    </message>
    <message>
        <source>Oversubscription: more processes than cores</source>
        <translation>Surréservation : plus de processus que de cœurs</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: &lt;code&gt;Pool(32)&lt;/code&gt; on a machine with 4 cores, in the hope that more processes do more. For CPU-bound work they cannot: the cores are all taken, and the processes only take turns. The scheduler stops a running process every few milliseconds to give its core to another: a &lt;b&gt;context switch&lt;/b&gt;, which costs time and leaves the caches cold. Each extra process also costs its start-up and its memory.&lt;/p&gt;&lt;p&gt;The fix: as many worker processes as cores, &lt;code&gt;Pool(os.cpu_count())&lt;/code&gt;, which is what &lt;code&gt;Pool()&lt;/code&gt; picks when you give no number.&lt;/p&gt;&lt;p&gt;The experiment runs the same CPU-bound tasks with 1 process up to beyond twice the cores of this machine. Each line of the output says how many times the kernel took the CPU away from the workers (their &lt;i&gt;involuntary context switches&lt;/i&gt;, counted by the kernel).&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;erreur : &lt;code&gt;Pool(32)&lt;/code&gt; sur une machine à 4 cœurs, dans l&apos;espoir que plus de processus en fassent plus. Pour un travail de calcul, c&apos;est impossible : tous les cœurs sont pris, et les processus ne font que se relayer. L&apos;ordonnanceur arrête un processus en cours toutes les quelques millisecondes pour donner son cœur à un autre : un &lt;b&gt;changement de contexte&lt;/b&gt;, qui coûte du temps et laisse les caches froids. Chaque processus en trop coûte aussi son démarrage et sa mémoire.&lt;/p&gt;&lt;p&gt;Le remède : autant de processus de travail que de cœurs, &lt;code&gt;Pool(os.cpu_count())&lt;/code&gt;, ce que choisit &lt;code&gt;Pool()&lt;/code&gt; quand on ne donne pas de nombre.&lt;/p&gt;&lt;p&gt;L&apos;expérience exécute les mêmes tâches de calcul avec de 1 processus jusqu&apos;à plus du double des cœurs de cette machine. Chaque ligne de la sortie dit combien de fois le noyau a retiré le CPU aux processus (leurs &lt;i&gt;changements de contexte involontaires&lt;/i&gt;, comptés par le noyau).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Up to the number of cores the time falls; past it, it stops falling.</source>
        <translation>Jusqu&apos;au nombre de cœurs, le temps baisse ; au-delà, il cesse de baisser.</translation>
    </message>
    <message>
        <source>The pool start-up grows with every extra process.</source>
        <translation>Le démarrage du pool grandit avec chaque processus en plus.</translation>
    </message>
    <message>
        <source>CPU-bound tasks on a 4-core machine: how many worker processes?</source>
        <translation>Des tâches de calcul sur une machine à 4 cœurs : combien de processus de travail ?</translation>
    </message>
    <message>
        <source>4, one per core.</source>
        <translation>4, un par cœur.</translation>
    </message>
    <message>
        <source>32: the more, the faster.</source>
        <translation>32 : plus il y en a, plus c&apos;est rapide.</translation>
    </message>
    <message>
        <source>1: processes cannot run at the same time.</source>
        <translation>1 : les processus ne peuvent pas tourner en même temps.</translation>
    </message>
    <message>
        <source>Four cores run four processes at a time. A fifth CPU-bound process adds no computing power: it makes the others take turns, with context switches and colder caches. Waiting (I/O-bound) tasks are different: a sleeping process leaves its core to the others.</source>
        <translation>Quatre cœurs font tourner quatre processus à la fois. Un cinquième processus de calcul n&apos;ajoute aucune puissance : il oblige les autres à se relayer, avec des changements de contexte et des caches plus froids. Les tâches qui attendent (entrées-sorties) sont différentes : un processus endormi laisse son cœur aux autres.</translation>
    </message>
    <message>
        <source>Lock convoy: everyone in one line</source>
        <translation>Convoi de verrou : tout le monde en file</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: doing the work &lt;i&gt;inside&lt;/i&gt; the lock that protects a shared result, &lt;code&gt;with lock: total.value += work(x)&lt;/code&gt;. Only one process at a time can hold the lock, so only one computes; the others queue behind it like a convoy, and the program runs at the speed of one process, whatever the number of workers.&lt;/p&gt;&lt;p&gt;The fix: compute outside, hold the lock only for the update, &lt;code&gt;r = work(x)&lt;/code&gt; then &lt;code&gt;with lock: total.value += r&lt;/code&gt;. Better still, give each worker its own partial result and add them up at the end (a reduce), with no lock at all.&lt;/p&gt;&lt;p&gt;The experiment runs 16 tasks of 20 ms that each update a shared total 10 times: with the work inside the lock (locked=1) and outside (locked=0). The breakdown&apos;s &lt;b&gt;waiting&lt;/b&gt; part is the time spent queueing for the lock; the stage shows the line of waiters.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;erreur : faire le travail &lt;i&gt;à l&apos;intérieur&lt;/i&gt; du verrou qui protège un résultat partagé, &lt;code&gt;with lock: total.value += work(x)&lt;/code&gt;. Un seul processus à la fois peut tenir le verrou, donc un seul calcule ; les autres font la queue derrière lui comme un convoi, et le programme avance à la vitesse d&apos;un seul processus, quel que soit le nombre de processus.&lt;/p&gt;&lt;p&gt;Le remède : calculer dehors, ne tenir le verrou que pour la mise à jour, &lt;code&gt;r = work(x)&lt;/code&gt; puis &lt;code&gt;with lock: total.value += r&lt;/code&gt;. Mieux encore : donner à chaque processus son propre résultat partiel et les additionner à la fin (une réduction), sans aucun verrou.&lt;/p&gt;&lt;p&gt;L&apos;expérience exécute 16 tâches de 20 ms qui mettent chacune à jour 10 fois un total partagé : avec le travail dans le verrou (locked=1) et dehors (locked=0). La part &lt;b&gt;attente&lt;/b&gt; de la décomposition est le temps passé à faire la queue pour le verrou ; la scène montre la file des processus en attente.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>locked=1: p = 2 takes as long as p = 1, or longer.</source>
        <translation>locked=1 : p = 2 prend autant de temps que p = 1, voire plus.</translation>
    </message>
    <message>
        <source>locked=0: the same work nearly halves at p = 2, and the total is still exact.</source>
        <translation>locked=0 : le même travail est presque divisé par deux à p = 2, et le total reste exact.</translation>
    </message>
    <message>
        <source>The waiting part of the breakdown is about half of locked=1&apos;s p = 2 bar.</source>
        <translation>La part attente de la décomposition fait environ la moitié de la barre de locked=1 à p = 2.</translation>
    </message>
    <message>
        <source>Each task computes for 20 ms and then adds its result to a shared total. What should the lock cover?</source>
        <translation>Chaque tâche calcule pendant 20 ms puis ajoute son résultat à un total partagé. Que doit couvrir le verrou ?</translation>
    </message>
    <message>
        <source>The 20 ms of computing and the addition, to be safe.</source>
        <translation>Les 20 ms de calcul et l&apos;addition, par prudence.</translation>
    </message>
    <message>
        <source>Only the addition to the shared total.</source>
        <translation>Seulement l&apos;addition au total partagé.</translation>
    </message>
    <message>
        <source>Nothing: adding is a single step.</source>
        <translation>Rien : une addition se fait en une seule étape.</translation>
    </message>
    <message>
        <source>The lock must cover the read-add-write of the shared total, or updates get lost, and nothing more: everything under it runs one process at a time. Keep critical sections short, or avoid sharing by reducing partial results at the end.</source>
        <translation>Le verrou doit couvrir la lecture-addition-écriture du total partagé, sinon des mises à jour se perdent, et rien de plus : tout ce qu&apos;il couvre s&apos;exécute un processus à la fois. Gardez les sections critiques courtes, ou évitez le partage en réduisant des résultats partiels à la fin.</translation>
    </message>
    <message>
        <source>False sharing: neighbours in one cache line</source>
        <translation>Faux partage : voisins dans une même ligne de cache</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: giving each process its own counter in one shared array, side by side: &lt;code&gt;counts = Array(&apos;q&apos;, 8, lock=False)&lt;/code&gt;, worker i doing &lt;code&gt;counts[i] += 1&lt;/code&gt; in a loop. No two workers touch the same number, so no lock is needed, and the answer is right. But the processor does not move single numbers between cores: it moves &lt;b&gt;cache lines&lt;/b&gt; of 64 bytes, here eight counters. Each write by one core takes the line away from the other, which must fetch it back: the two cores pass the line to and fro millions of times.&lt;/p&gt;&lt;p&gt;The fix: &lt;b&gt;padding&lt;/b&gt;, one counter per cache line (8 cells apart: &lt;code&gt;counts[8*i]&lt;/code&gt;), or a local variable written to the array once at the end.&lt;/p&gt;&lt;p&gt;The experiment has 8 tasks increment their own counter 50 million times, with the counters adjacent (stride=1) and 64 bytes apart (stride=8); every counter is checked at the end. In CPython the interpreter&apos;s own work hides much of the effect; in compiled code (NumPy, C, ProcLab&apos;s workers) it shows in full.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;erreur : donner à chaque processus son propre compteur dans un même tableau partagé, côte à côte : &lt;code&gt;counts = Array(&apos;q&apos;, 8, lock=False)&lt;/code&gt;, le processus i faisant &lt;code&gt;counts[i] += 1&lt;/code&gt; en boucle. Deux processus ne touchent jamais le même nombre : pas besoin de verrou, et le résultat est juste. Mais le processeur ne déplace pas des nombres isolés entre les cœurs : il déplace des &lt;b&gt;lignes de cache&lt;/b&gt; de 64 octets, ici huit compteurs. Chaque écriture d&apos;un cœur retire la ligne à l&apos;autre, qui doit la récupérer : les deux cœurs se renvoient la ligne des millions de fois.&lt;/p&gt;&lt;p&gt;Le remède : le &lt;b&gt;remplissage&lt;/b&gt; (padding), un compteur par ligne de cache (8 cases d&apos;écart : &lt;code&gt;counts[8*i]&lt;/code&gt;), ou une variable locale écrite une seule fois dans le tableau à la fin.&lt;/p&gt;&lt;p&gt;Dans l&apos;expérience, 8 tâches incrémentent chacune leur compteur 50 millions de fois, avec des compteurs adjacents (stride=1) et espacés de 64 octets (stride=8) ; chaque compteur est vérifié à la fin. En CPython, le travail propre de l&apos;interpréteur masque une bonne part de l&apos;effet ; en code compilé (NumPy, C, les processus de ProcLab), il apparaît en entier.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 1 both strides take the same time: one core keeps the line.</source>
        <translation>À p = 1, les deux espacements prennent le même temps : un seul cœur garde la ligne.</translation>
    </message>
    <message>
        <source>At p = 2, stride 1 is much slower than stride 8, though the work is exactly the same.</source>
        <translation>À p = 2, stride 1 est bien plus lent que stride 8, alors que le travail est exactement le même.</translation>
    </message>
    <message>
        <source>Both runs verify: false sharing costs time, never correctness.</source>
        <translation>Les deux exécutions sont vérifiées : le faux partage coûte du temps, jamais la justesse.</translation>
    </message>
    <message>
        <source>Two processes each update only their own 8-byte counter, stored side by side. Why is it slow?</source>
        <translation>Deux processus mettent chacun à jour leur seul compteur de 8 octets, rangés côte à côte. Pourquoi est-ce lent ?</translation>
    </message>
    <message>
        <source>Updates get lost and must be redone.</source>
        <translation>Des mises à jour se perdent et doivent être refaites.</translation>
    </message>
    <message>
        <source>Both counters sit in one cache line, which the two cores keep taking from each other.</source>
        <translation>Les deux compteurs sont dans une même ligne de cache, que les deux cœurs ne cessent de se prendre.</translation>
    </message>
    <message>
        <source>Shared memory is always slower than private memory.</source>
        <translation>La mémoire partagée est toujours plus lente que la mémoire privée.</translation>
    </message>
    <message>
        <source>The operating system locks the array at each write.</source>
        <translation>Le système d&apos;exploitation verrouille le tableau à chaque écriture.</translation>
    </message>
    <message>
        <source>Caches keep whole lines of 64 bytes coherent. A write needs the line for itself, so two cores writing different words of one line keep invalidating each other&apos;s copy. Put data written by different processes on different lines.</source>
        <translation>Les caches maintiennent la cohérence de lignes entières de 64 octets. Une écriture a besoin de la ligne pour elle seule : deux cœurs qui écrivent des mots différents d&apos;une même ligne invalident sans cesse la copie de l&apos;autre. Placez les données écrites par des processus différents sur des lignes différentes.</translation>
    </message>
    <message>
        <source>One series each: %1.</source>
        <translation>Une série pour chacun : %1.</translation>
    </message>
    <message>
        <source>Chunksize 1 takes longer for the same 40 ms of work: its trips cost more than the tasks.</source>
        <translation>Chunksize 1 prend plus de temps pour les mêmes 40 ms de travail : ses voyages coûtent plus que les tâches.</translation>
    </message>
    <message>
        <source>Compare the involuntary context switches up to and past the cores: on an idle machine they jump once the processes must take turns.</source>
        <translation>Comparez les changements de contexte involontaires jusqu&apos;au nombre de cœurs et au-delà : sur une machine au repos, ils bondissent dès que les processus doivent se relayer.</translation>
    </message>
    <message>
        <source>MPI: the exchange that works until it doesn&apos;t</source>
        <translation>MPI : l&apos;échange qui marche, jusqu&apos;au jour où il ne marche plus</translation>
    </message>
    <message>
        <source>&lt;p&gt;Beyond one machine, processes talk by &lt;b&gt;MPI&lt;/b&gt; messages. The first program everyone writes swaps data between two ranks: each calls &lt;code&gt;MPI_Send&lt;/code&gt; to its partner, then &lt;code&gt;MPI_Recv&lt;/code&gt;. With 1 KiB it works.&lt;/p&gt;&lt;p&gt;It works by luck. The MPI standard lets &lt;code&gt;MPI_Send&lt;/code&gt; wait until the partner receives. Open MPI returns at once only for small messages, which it copies into a buffer on the way (&lt;b&gt;eager&lt;/b&gt; sending: up to 4 KiB between ranks of one machine, 64 KiB over TCP). With 1 MiB, both ranks sit in &lt;code&gt;MPI_Send&lt;/code&gt; waiting for a receive that neither will reach: a &lt;b&gt;deadlock&lt;/b&gt;. MPI never notices, and the ranks keep spinning at 100 % CPU.&lt;/p&gt;&lt;p&gt;ProcLab follows who waits for whom from the ranks&apos; events: rank 0 in a send to rank 1, rank 1 in a send to rank 0, and neither call can satisfy the other. The cycle is named and the job stopped. The fix, &lt;code&gt;MPI_Sendrecv&lt;/code&gt;, lets MPI pair the two transfers itself; the third run swaps 1 MiB that way.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Au-delà d&apos;une machine, les processus communiquent par messages &lt;b&gt;MPI&lt;/b&gt;. Le premier programme que tout le monde écrit échange des données entre deux rangs : chacun appelle &lt;code&gt;MPI_Send&lt;/code&gt; vers son partenaire, puis &lt;code&gt;MPI_Recv&lt;/code&gt;. Avec 1 Kio, cela marche.&lt;/p&gt;&lt;p&gt;Cela marche par chance. La norme MPI autorise &lt;code&gt;MPI_Send&lt;/code&gt; à attendre que le partenaire reçoive. Open MPI ne rend la main tout de suite que pour les petits messages, qu&apos;il copie dans un tampon au passage (envoi &lt;b&gt;eager&lt;/b&gt; : jusqu&apos;à 4 Kio entre rangs d&apos;une même machine, 64 Kio sur TCP). Avec 1 Mio, les deux rangs restent dans &lt;code&gt;MPI_Send&lt;/code&gt; à attendre une réception qu&apos;aucun n&apos;atteindra : un &lt;b&gt;interblocage&lt;/b&gt;. MPI ne s&apos;en aperçoit jamais, et les rangs continuent de tourner à 100 % du CPU.&lt;/p&gt;&lt;p&gt;ProcLab suit qui attend qui à partir des événements des rangs : le rang 0 dans un envoi vers le rang 1, le rang 1 dans un envoi vers le rang 0, et aucun des deux appels ne peut satisfaire l&apos;autre. Le cycle est nommé et le job arrêté. Le correctif, &lt;code&gt;MPI_Sendrecv&lt;/code&gt;, laisse MPI apparier lui-même les deux transferts ; la troisième exécution échange ainsi 1 Mio.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First run, 1 KiB: each rank&apos;s send returns at once (the arrow leaves while the partner is still sending), then each receives.</source>
        <translation>Première exécution, 1 Kio : l&apos;envoi de chaque rang rend la main aussitôt (la flèche part pendant que le partenaire envoie encore), puis chacun reçoit.</translation>
    </message>
    <message>
        <source>Third run: MPI_Sendrecv swaps the same 1 MiB, and the matrix shows 1 MiB each way.</source>
        <translation>Troisième exécution : MPI_Sendrecv échange le même 1 Mio, et la matrice montre 1 Mio dans chaque sens.</translation>
    </message>
    <message>
        <source>The exchange works with 1 KiB and hangs with 1 MiB. What does the MPI standard say about the 1 KiB run?</source>
        <translation>L&apos;échange marche avec 1 Kio et se bloque avec 1 Mio. Que dit la norme MPI de l&apos;exécution à 1 Kio ?</translation>
    </message>
    <message>
        <source>It is just as wrong: it works only because Open MPI buffered the message.</source>
        <translation>Il est tout aussi faux : il ne marche que parce qu&apos;Open MPI a mis le message en tampon.</translation>
    </message>
    <message>
        <source>It is correct: MPI_Send always buffers messages under 4 KiB.</source>
        <translation>Il est correct : MPI_Send met toujours en tampon les messages de moins de 4 Kio.</translation>
    </message>
    <message>
        <source>It is correct because only two ranks take part.</source>
        <translation>Il est correct, car seuls deux rangs y prennent part.</translation>
    </message>
    <message>
        <source>It deadlocks too, but MPI breaks the cycle for small messages.</source>
        <translation>Il s&apos;interbloque aussi, mais MPI rompt le cycle pour les petits messages.</translation>
    </message>
    <message>
        <source>MPI_Send may wait for the matching receive at any size; the eager limit is Open MPI&apos;s choice, and it differs between shared memory and TCP, between MPI libraries and between versions. A program that needs the buffer is unsafe: a larger input, another network or another MPI hangs it. Use MPI_Sendrecv, or order the calls (even ranks send first, odd ranks receive first).</source>
        <translation>MPI_Send peut attendre la réception correspondante quelle que soit la taille ; la limite eager est un choix d&apos;Open MPI, et elle varie entre mémoire partagée et TCP, entre bibliothèques MPI et entre versions. Un programme qui a besoin du tampon n&apos;est pas sûr : une entrée plus grande, un autre réseau ou un autre MPI le bloque. Utilisez MPI_Sendrecv, ou ordonnez les appels (les rangs pairs envoient d&apos;abord, les impairs reçoivent d&apos;abord).</translation>
    </message>
    <message>
        <source>MPI: share the data out, gather the answer</source>
        <translation>MPI : distribuer les données, rassembler la réponse</translation>
    </message>
    <message>
        <source>&lt;p&gt;A pool&apos;s workers on one machine can read A and B in shared memory. &lt;b&gt;MPI&lt;/b&gt; ranks may run on different machines, where nothing is shared: the data has to travel. The usual program keeps the matrices at rank 0 and lets MPI&apos;s &lt;b&gt;collectives&lt;/b&gt; move them, each a single call made by every rank.&lt;/p&gt;&lt;p&gt;&lt;code&gt;MPI_Bcast&lt;/code&gt; sends all of B to every rank. &lt;code&gt;MPI_Scatterv&lt;/code&gt; gives each rank only its block of A&apos;s rows (the v: the blocks may differ in size). Each rank multiplies its rows, and &lt;code&gt;MPI_Gatherv&lt;/code&gt; brings the rows of C back to rank 0, in order. The run is checked against the serial product, as the pool&apos;s is.&lt;/p&gt;&lt;p&gt;The sweep runs the same product with the process pool and with MPI ranks (mpi-spmd). On the stage, the broadcast and the scatter fan out from rank 0 and the gather fans in. MPI&apos;s start-up, hundreds of milliseconds for &lt;code&gt;mpirun&lt;/code&gt;, is reported apart from the wall time and paid once: the sweep starts one job with as many ranks as its largest p and runs every point on as many of them as it needs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les workers d&apos;un pool sur une seule machine peuvent lire A et B en mémoire partagée. Des rangs &lt;b&gt;MPI&lt;/b&gt; peuvent tourner sur des machines différentes, où rien n&apos;est partagé : les données doivent voyager. Le programme habituel garde les matrices au rang 0 et laisse les &lt;b&gt;collectives&lt;/b&gt; de MPI les déplacer, chacune un seul appel fait par tous les rangs.&lt;/p&gt;&lt;p&gt;&lt;code&gt;MPI_Bcast&lt;/code&gt; envoie tout B à chaque rang. &lt;code&gt;MPI_Scatterv&lt;/code&gt; ne donne à chaque rang que son bloc de lignes de A (le v : les blocs peuvent différer en taille). Chaque rang multiplie ses lignes, et &lt;code&gt;MPI_Gatherv&lt;/code&gt; ramène les lignes de C au rang 0, dans l&apos;ordre. L&apos;exécution est vérifiée contre le produit séquentiel, comme celle du pool.&lt;/p&gt;&lt;p&gt;Le balayage fait le même produit avec le pool de processus et avec des rangs MPI (mpi-spmd). Sur la scène, la diffusion et la distribution partent en éventail du rang 0 et le rassemblement y converge. Le démarrage de MPI, des centaines de millisecondes pour &lt;code&gt;mpirun&lt;/code&gt;, est compté à part du temps écoulé et payé une seule fois : le balayage lance un seul job avec autant de rangs que son plus grand p et fait tourner chaque point sur autant d&apos;entre eux qu&apos;il lui en faut.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Both series are checked against the serial product: the same rows, the same numbers.</source>
        <translation>Les deux séries sont vérifiées contre le produit séquentiel : les mêmes lignes, les mêmes nombres.</translation>
    </message>
    <message>
        <source>Compare the wall times: on one machine MPI copies B to every rank, the pool shares it.</source>
        <translation>Comparez les temps écoulés : sur une seule machine, MPI copie B dans chaque rang, le pool le partage.</translation>
    </message>
    <message>
        <source>With p ranks and n x n matrices, how much of B does each rank receive?</source>
        <translation>Avec p rangs et des matrices n x n, quelle part de B chaque rang reçoit-il ?</translation>
    </message>
    <message>
        <source>All of it, n x n numbers: every row of C needs every row of B.</source>
        <translation>Tout, n x n nombres : chaque ligne de C a besoin de toutes les lignes de B.</translation>
    </message>
    <message>
        <source>n x n / p numbers: B is scattered like A.</source>
        <translation>n x n / p nombres : B est distribué comme A.</translation>
    </message>
    <message>
        <source>None: the ranks read it from rank 0&apos;s memory.</source>
        <translation>Rien : les rangs le lisent dans la mémoire du rang 0.</translation>
    </message>
    <message>
        <source>Row i of C is row i of A times all of B, so every rank needs the whole of B (a broadcast) but only its own rows of A (a scatter). That broadcast is communication a pool on one machine never pays: it grows with n² and with the number of ranks.</source>
        <translation>La ligne i de C est la ligne i de A multipliée par tout B : chaque rang a donc besoin de tout B (une diffusion) mais seulement de ses propres lignes de A (une distribution). Cette diffusion est une communication qu&apos;un pool sur une seule machine ne paie jamais : elle croît avec n² et avec le nombre de rangs.</translation>
    </message>
    <message>
        <source>During an MPI run, the stage shows MPI_Bcast and MPI_Scatterv fanning out from rank 0, then MPI_Gatherv fanning in.</source>
        <translation>Pendant une exécution MPI, la scène montre MPI_Bcast et MPI_Scatterv partant en éventail du rang 0, puis MPI_Gatherv qui y converge.</translation>
    </message>
    <message>
        <source>MPI: a static split or a farm</source>
        <translation>MPI : un découpage statique ou une ferme</translation>
    </message>
    <message>
        <source>On the stage, in the static runs, the ranks with the cheap blocks turn to &quot;spinning in MPI_Reduce&quot; long before the last one ends.</source>
        <translation>Sur la scène, dans les exécutions statiques, les rangs aux blocs bon marché passent « en attente active dans MPI_Reduce » bien avant que le dernier ne finisse.</translation>
    </message>
    <message>
        <source>In the farm runs, rank 0 spins in MPI_Recv while it deals; the arrows are the ranges going out and the counts coming back.</source>
        <translation>Dans les exécutions en ferme, le rang 0 attend activement dans MPI_Recv pendant qu&apos;il distribue ; les flèches sont les intervalles qui partent et les comptes qui reviennent.</translation>
    </message>
    <message>
        <source>Compare p = 2 and p = 3 in each series: the farm needs a rank more for the same number of workers.</source>
        <translation>Comparez p = 2 et p = 3 dans chaque série : la ferme a besoin d&apos;un rang de plus pour le même nombre de travailleurs.</translation>
    </message>
    <message>
        <source>When is a static split the better choice?</source>
        <translation>Quand un découpage statique est-il le meilleur choix ?</translation>
    </message>
    <message>
        <source>When every task costs about the same: no dealer, no message per task.</source>
        <translation>Quand chaque tâche coûte à peu près autant : pas de distributeur, pas de message par tâche.</translation>
    </message>
    <message>
        <source>When the tasks&apos; costs differ a lot.</source>
        <translation>Quand les coûts des tâches diffèrent beaucoup.</translation>
    </message>
    <message>
        <source>Never: a farm is always faster.</source>
        <translation>Jamais : une ferme est toujours plus rapide.</translation>
    </message>
    <message>
        <source>A static split costs nothing to organise but lasts as long as its dearest block. A farm evens out uneven tasks at the price of a dealer and two messages per chunk, which is why real farms deal chunks of several tasks, as a Pool&apos;s chunksize does.</source>
        <translation>Un découpage statique ne coûte rien à organiser mais dure autant que son bloc le plus cher. Une ferme égalise des tâches inégales au prix d&apos;un distributeur et de deux messages par paquet : c&apos;est pourquoi les vraies fermes distribuent des paquets de plusieurs tâches, comme le fait le chunksize d&apos;un Pool.</translation>
    </message>
    <message>
        <source>&lt;p&gt;MPI has no pool: the program decides who computes what. The simplest way is a &lt;b&gt;static split&lt;/b&gt; (mpi-spmd): rank r takes the r-th block of the tasks, and &lt;code&gt;MPI_Reduce&lt;/code&gt; adds the counts at rank 0. When the tasks cost the same, nothing beats it: no message until the end.&lt;/p&gt;&lt;p&gt;Counting primes in ranges of rising cost is not such a case. The rank with the top block works longest, and the others wait for it in &lt;code&gt;MPI_Reduce&lt;/code&gt;, spinning. The &lt;b&gt;farm&lt;/b&gt; (mpi-farm) is MPI&apos;s dynamic scheduling: rank 0 deals one range at a time with &lt;code&gt;MPI_Send&lt;/code&gt; to whichever rank sends back a result (&lt;code&gt;MPI_Recv&lt;/code&gt; from any source), so the ranks finish together. Its price: rank 0 only deals, so with p ranks p − 1 compute, and every range costs a message each way.&lt;/p&gt;&lt;p&gt;The sweep runs both shapes with 1 to 3 ranks. With 1 rank they do the same thing; with 2, the farm has a single computing rank; with 3, the static split computes on three ranks and the farm on two, and the imbalance decides which is first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;MPI n&apos;a pas de pool : le programme décide qui calcule quoi. Le plus simple est un &lt;b&gt;découpage statique&lt;/b&gt; (mpi-spmd) : le rang r prend le r-ième bloc des tâches, et &lt;code&gt;MPI_Reduce&lt;/code&gt; additionne les comptes au rang 0. Quand les tâches coûtent autant, rien ne fait mieux : aucun message avant la fin.&lt;/p&gt;&lt;p&gt;Compter les nombres premiers dans des intervalles de coût croissant n&apos;est pas un tel cas. Le rang qui a le bloc du haut travaille le plus longtemps, et les autres l&apos;attendent dans &lt;code&gt;MPI_Reduce&lt;/code&gt;, en attente active. La &lt;b&gt;ferme&lt;/b&gt; (mpi-farm) est l&apos;ordonnancement dynamique de MPI : le rang 0 distribue un intervalle à la fois par &lt;code&gt;MPI_Send&lt;/code&gt; au rang qui renvoie un résultat (&lt;code&gt;MPI_Recv&lt;/code&gt; de n&apos;importe quelle source), si bien que les rangs finissent ensemble. Son prix : le rang 0 ne fait que distribuer, donc avec p rangs, p − 1 calculent, et chaque intervalle coûte un message dans chaque sens.&lt;/p&gt;&lt;p&gt;Le balayage exécute les deux formes avec 1 à 3 rangs. Avec 1 rang, elles font la même chose ; avec 2, la ferme n&apos;a qu&apos;un rang qui calcule ; avec 3, le découpage statique calcule sur trois rangs et la ferme sur deux, et le déséquilibre décide qui finit premier.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>MPI: ranks and hosts</source>
        <translation>MPI : rangs et hôtes</translation>
    </message>
    <message>
        <source>&lt;p&gt;An MPI program runs as &lt;b&gt;ranks&lt;/b&gt;: &lt;code&gt;mpirun -n 4&lt;/code&gt; starts four copies of it, numbered 0 to 3. A &lt;b&gt;hostfile&lt;/b&gt; says which machines take them and how many each (their &lt;i&gt;slots&lt;/i&gt;): with &lt;code&gt;nodeA slots=2&lt;/code&gt; and &lt;code&gt;nodeB slots=2&lt;/code&gt;, mpirun fills nodeA first (ranks 0 and 1), then nodeB (ranks 2 and 3). On each host it starts a daemon through &lt;code&gt;ssh&lt;/code&gt;, and the daemon starts the ranks there.&lt;/p&gt;&lt;p&gt;Without a lab, this lesson simulates one: two hosts on this machine, and a remote shell that runs &quot;ssh nodeB&quot; here. Open MPI still starts a daemon per host and connects the ranks over TCP, so everything but the wires is real. The stage draws each host as a frame around its ranks; in the farm, rank 0 on nodeA deals chunks to the ranks of both hosts, and the arrows between hosts have their own colour. The timeline groups the lanes by host.&lt;/p&gt;&lt;p&gt;Each machine has its own clock. ProcLab aligns every rank&apos;s clock with its own by a few ping exchanges (the fastest round trip wins), so that no message is drawn arriving before it left.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un programme MPI tourne sous forme de &lt;b&gt;rangs&lt;/b&gt; : &lt;code&gt;mpirun -n 4&lt;/code&gt; en lance quatre copies, numérotées de 0 à 3. Un &lt;b&gt;fichier d&apos;hôtes&lt;/b&gt; dit quelles machines les prennent et combien chacune (ses &lt;i&gt;slots&lt;/i&gt;) : avec &lt;code&gt;nodeA slots=2&lt;/code&gt; et &lt;code&gt;nodeB slots=2&lt;/code&gt;, mpirun remplit d&apos;abord nodeA (rangs 0 et 1), puis nodeB (rangs 2 et 3). Sur chaque hôte, il lance un démon par &lt;code&gt;ssh&lt;/code&gt;, et le démon y lance les rangs.&lt;/p&gt;&lt;p&gt;Sans salle de machines, cette leçon en simule une : deux hôtes sur cette machine, et un shell distant qui exécute ici « ssh nodeB ». Open MPI lance quand même un démon par hôte et relie les rangs par TCP : tout est réel sauf les câbles. La scène dessine chaque hôte comme un cadre autour de ses rangs ; dans la ferme, le rang 0 sur nodeA distribue des paquets aux rangs des deux hôtes, et les flèches entre hôtes ont leur propre couleur. La chronologie regroupe les lignes par hôte.&lt;/p&gt;&lt;p&gt;Chaque machine a sa propre horloge. ProcLab aligne l&apos;horloge de chaque rang sur la sienne par quelques échanges de ping (l&apos;aller-retour le plus rapide l&apos;emporte), pour qu&apos;aucun message ne soit dessiné arrivant avant d&apos;être parti.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>At p = 4 the stage shows nodeA holding ranks 0 and 1 and nodeB holding ranks 2 and 3.</source>
        <translation>À p = 4, la scène montre nodeA avec les rangs 0 et 1 et nodeB avec les rangs 2 et 3.</translation>
    </message>
    <message>
        <source>The arrows between nodeA and nodeB have their own colour: on a real lab those messages cross the network.</source>
        <translation>Les flèches entre nodeA et nodeB ont leur propre couleur : dans une vraie salle, ces messages traversent le réseau.</translation>
    </message>
    <message>
        <source>MPI&apos;s start-up (a daemon per host, through the remote shell) is reported apart from the wall time.</source>
        <translation>Le démarrage de MPI (un démon par hôte, via le shell distant) est compté à part du temps écoulé.</translation>
    </message>
    <message>
        <source>With the hostfile nodeA slots=2, nodeB slots=2 and mpirun -n 3, where does rank 2 run?</source>
        <translation>Avec le fichier d&apos;hôtes nodeA slots=2, nodeB slots=2 et mpirun -n 3, où tourne le rang 2 ?</translation>
    </message>
    <message>
        <source>On nodeB: nodeA&apos;s two slots take ranks 0 and 1.</source>
        <translation>Sur nodeB : les deux slots de nodeA prennent les rangs 0 et 1.</translation>
    </message>
    <message>
        <source>On nodeA: the ranks alternate between the hosts.</source>
        <translation>Sur nodeA : les rangs alternent entre les hôtes.</translation>
    </message>
    <message>
        <source>Wherever the operating system schedules it.</source>
        <translation>Là où le système d&apos;exploitation le place.</translation>
    </message>
    <message>
        <source>By default mpirun fills each host&apos;s slots in the hostfile&apos;s order. mpirun --map-by node deals the ranks round robin instead: 0 on nodeA, 1 on nodeB, 2 on nodeA.</source>
        <translation>Par défaut, mpirun remplit les slots de chaque hôte dans l&apos;ordre du fichier d&apos;hôtes. mpirun --map-by node distribue plutôt les rangs à tour de rôle : 0 sur nodeA, 1 sur nodeB, 2 sur nodeA.</translation>
    </message>
    <message>
        <source>MPI hosts, simulated on this machine: %1.</source>
        <translation>Hôtes MPI, simulés sur cette machine : %1.</translation>
    </message>
    <message>
        <source>MPI: strong and weak scaling, and what communication costs</source>
        <translation>MPI : passage à l&apos;échelle fort et faible, et ce que coûte la communication</translation>
    </message>
    <message>
        <source>Each point is a bigger product (its n is in the table) and is checked against the serial one.</source>
        <translation>Chaque point est un produit plus grand (son n est dans le tableau) et il est vérifié contre le produit en série.</translation>
    </message>
    <message>
        <source>In the wall time view the ideal is a flat line at T(1); in the speedup view, the scaled speedup against the line S = p.</source>
        <translation>Dans la vue du temps écoulé, l&apos;idéal est une droite horizontale à T(1) ; dans la vue de l&apos;accélération, l&apos;accélération à l&apos;échelle face à la droite S = p.</translation>
    </message>
    <message>
        <source>Then try pi the same way: proclab-cli sweep pi --executor mpi-spmd --weak samples -p 1..2 stays flat, because a reduce of one number costs the same at any size.</source>
        <translation>Essayez ensuite pi de la même façon : proclab-cli sweep pi --executor mpi-spmd --weak samples -p 1..2 reste plat, car la réduction d&apos;un seul nombre coûte autant à toute taille.</translation>
    </message>
    <message>
        <source>Under weak scaling, why does the MPI matrix product slow down as p grows while pi does not?</source>
        <translation>En passage à l&apos;échelle faible, pourquoi le produit de matrices MPI ralentit-il quand p grandit, et pas pi ?</translation>
    </message>
    <message>
        <source>Every rank receives all of B, n² numbers, and n grows with p: communication grows, pi&apos;s one reduce does not.</source>
        <translation>Chaque rang reçoit tout B, n² nombres, et n grandit avec p : la communication grandit, la seule réduction de pi ne grandit pas.</translation>
    </message>
    <message>
        <source>Each rank has more arithmetic to do at larger p.</source>
        <translation>Chaque rang a plus de calcul à faire quand p est plus grand.</translation>
    </message>
    <message>
        <source>MPI ranks are slower than pool workers at arithmetic.</source>
        <translation>Les rangs MPI calculent moins vite que les workers d&apos;un pool.</translation>
    </message>
    <message>
        <source>Each rank&apos;s arithmetic stays the same by construction (n³ / p is constant). What grows is what travels: the broadcast of B and the gather of C, both n², to and from every rank. Programs that weak-scale well, like a stencil exchanging only the edges of its block, send little compared with what they compute.</source>
        <translation>Le calcul de chaque rang reste le même par construction (n³ / p est constant). Ce qui grandit, c&apos;est ce qui voyage : la diffusion de B et le rassemblement de C, tous deux en n², vers et depuis chaque rang. Les programmes qui passent bien à l&apos;échelle faible, comme un stencil qui n&apos;échange que les bords de son bloc, envoient peu au regard de ce qu&apos;ils calculent.</translation>
    </message>
    <message>
        <source>Weak scaling: %1.</source>
        <translation>Passage à l&apos;échelle faible : %1.</translation>
    </message>
    <message>
        <source>MPI: what a message costs</source>
        <translation>MPI : ce que coûte un message</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every MPI program is built from messages, and every message has a price: a fixed &lt;b&gt;latency&lt;/b&gt; (the time a tiny message takes) and a &lt;b&gt;bandwidth&lt;/b&gt; (how fast a big one streams). The classic way to measure both is the &lt;b&gt;ping-pong&lt;/b&gt;: rank 0 sends a message to rank 1, which sends it straight back, a thousand times; one way is the total time divided by twice the number of round trips.&lt;/p&gt;&lt;p&gt;Open MPI chooses how the bytes travel. Between two ranks of one machine it uses &lt;b&gt;shared memory&lt;/b&gt; (its &lt;i&gt;vader&lt;/i&gt; transport): the sender copies into a segment both ranks map and the receiver, spinning, sees it at once. Between machines it uses &lt;b&gt;TCP&lt;/b&gt;, through each kernel&apos;s network stack and the wire. This demo runs the same ping-pong both ways on this machine (TCP over the loopback, so without the wire) at 8 B, 1 KiB, 64 KiB and 1 MiB.&lt;/p&gt;&lt;p&gt;Small messages cost latency, large ones bandwidth. That is why real programs send few, large messages (the farm deals chunks, not tasks), and why a program that talks a lot runs well on one machine and poorly across a lab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tout programme MPI est fait de messages, et chaque message a un prix : une &lt;b&gt;latence&lt;/b&gt; fixe (le temps que prend un tout petit message) et un &lt;b&gt;débit&lt;/b&gt; (la vitesse à laquelle un gros message s&apos;écoule). La façon classique de mesurer les deux est le &lt;b&gt;ping-pong&lt;/b&gt; : le rang 0 envoie un message au rang 1, qui le renvoie aussitôt, mille fois ; un aller est le temps total divisé par deux fois le nombre d&apos;allers-retours.&lt;/p&gt;&lt;p&gt;Open MPI choisit comment voyagent les octets. Entre deux rangs d&apos;une même machine, il passe par la &lt;b&gt;mémoire partagée&lt;/b&gt; (son transport &lt;i&gt;vader&lt;/i&gt;) : l&apos;émetteur copie dans un segment que les deux rangs projettent, et le récepteur, qui tourne en boucle, le voit aussitôt. Entre machines, il passe par &lt;b&gt;TCP&lt;/b&gt;, à travers la pile réseau de chaque noyau et le câble. Cette démo fait le même ping-pong des deux façons sur cette machine (TCP sur la boucle locale, donc sans câble) à 8 o, 1 Kio, 64 Kio et 1 Mio.&lt;/p&gt;&lt;p&gt;Les petits messages coûtent de la latence, les gros du débit. C&apos;est pourquoi les vrais programmes envoient peu de gros messages (la ferme distribue des lots, pas des tâches), et pourquoi un programme bavard tourne bien sur une machine et mal sur toute une salle.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>On the stage, the first round trip of each size is drawn as two arrows; the thousand timed ones follow without events, so that drawing them costs nothing.</source>
        <translation>Sur la scène, le premier aller-retour de chaque taille est dessiné par deux flèches ; les mille allers-retours mesurés suivent sans événements, pour que les dessiner ne coûte rien.</translation>
    </message>
    <message>
        <source>Compare the 8 B lines: the latency of TCP is many times that of shared memory, even without a wire.</source>
        <translation>Comparez les lignes de 8 o : la latence de TCP est bien plus grande que celle de la mémoire partagée, même sans câble.</translation>
    </message>
    <message>
        <source>Compare the 1 MiB lines: at this size the time is bandwidth, and both transports come closer.</source>
        <translation>Comparez les lignes de 1 Mio : à cette taille, le temps est celui du débit, et les deux transports se rapprochent.</translation>
    </message>
    <message>
        <source>A program sends 10,000 messages of 8 bytes. What would make it faster across two machines?</source>
        <translation>Un programme envoie 10 000 messages de 8 octets. Qu&apos;est-ce qui le rendrait plus rapide sur deux machines ?</translation>
    </message>
    <message>
        <source>Sending the same 80,000 bytes as a few large messages.</source>
        <translation>Envoyer les mêmes 80 000 octets en quelques gros messages.</translation>
    </message>
    <message>
        <source>A faster CPU on each machine.</source>
        <translation>Un processeur plus rapide sur chaque machine.</translation>
    </message>
    <message>
        <source>More ranks, so that each sends fewer messages at the same time.</source>
        <translation>Plus de rangs, pour que chacun envoie moins de messages en même temps.</translation>
    </message>
    <message>
        <source>Each message pays the latency once, whatever its size, and across machines the latency is tens of microseconds. 10,000 tiny messages cost 10,000 latencies; ten messages of 8 KB cost ten latencies and a little bandwidth. MPI programs batch their data for this reason.</source>
        <translation>Chaque message paie la latence une fois, quelle que soit sa taille, et entre machines la latence est de plusieurs dizaines de microsecondes. 10 000 petits messages coûtent 10 000 latences ; dix messages de 8 Ko coûtent dix latences et un peu de débit. C&apos;est pour cela que les programmes MPI regroupent leurs données.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Strong scaling&lt;/b&gt; keeps the problem and adds processes: the ideal is T(1) / p, and Amdahl&apos;s law says how far the serial part lets it go. &lt;b&gt;Weak scaling&lt;/b&gt; grows the problem with the processes, so that each one keeps the work it had alone: the ideal is the &lt;i&gt;same&lt;/i&gt; wall time at every p. That is how clusters are used (a bigger grid, not the same grid sooner), and Gustafson&apos;s law measures it: the scaled speedup p · T(1) / T(p).&lt;/p&gt;&lt;p&gt;Pi weak-scales almost perfectly: with p ranks it draws p times the samples, and its only message is one &lt;code&gt;MPI_Reduce&lt;/code&gt; of a count, whatever p. A matrix product does not. Its work grows as n³, so n grows as the cube root of p (384, 484, 554 here), but &lt;code&gt;MPI_Bcast&lt;/code&gt; sends all of B, n² numbers, to &lt;i&gt;every&lt;/i&gt; rank: the data that travels grows faster than each rank&apos;s share of the work shrinks.&lt;/p&gt;&lt;p&gt;The sweep grows matmul weakly with the process pool, whose workers read A and B in shared memory, and with MPI ranks, which receive them. On one machine both lines climb about as much: the cores share one memory bus and one cache, and B no longer fits as n grows; MPI&apos;s broadcast goes through shared memory at gigabytes per second and costs a fraction of a millisecond. Across a lab it goes through the network: at n = 484, B is 1.9 MB, 15 ms for each rank on 1 Gbit/s Ethernet, as much as the whole product takes here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Le passage à l&apos;échelle &lt;b&gt;fort&lt;/b&gt; garde le problème et ajoute des processus : l&apos;idéal est T(1) / p, et la loi d&apos;Amdahl dit jusqu&apos;où la partie en série le laisse aller. Le passage à l&apos;échelle &lt;b&gt;faible&lt;/b&gt; fait grandir le problème avec les processus, pour que chacun garde le travail qu&apos;il avait seul : l&apos;idéal est le &lt;i&gt;même&lt;/i&gt; temps écoulé à chaque p. C&apos;est ainsi qu&apos;on se sert des grappes de calcul (une grille plus grande, pas la même grille plus tôt), et la loi de Gustafson le mesure : l&apos;accélération à l&apos;échelle p · T(1) / T(p).&lt;/p&gt;&lt;p&gt;Pi passe à l&apos;échelle faible presque parfaitement : avec p rangs, il tire p fois plus de points, et son seul message est un &lt;code&gt;MPI_Reduce&lt;/code&gt; d&apos;un compte, quel que soit p. Un produit de matrices, non. Son travail croît comme n³, donc n croît comme la racine cubique de p (384, 484, 554 ici), mais &lt;code&gt;MPI_Bcast&lt;/code&gt; envoie tout B, n² nombres, à &lt;i&gt;chaque&lt;/i&gt; rang : les données qui voyagent croissent plus vite que la part de travail de chaque rang ne diminue.&lt;/p&gt;&lt;p&gt;Le balayage fait grandir matmul de façon faible avec le pool de processus, dont les workers lisent A et B en mémoire partagée, et avec des rangs MPI, qui les reçoivent. Sur une seule machine, les deux courbes montent à peu près autant : les cœurs partagent un bus mémoire et un cache, et B n&apos;y tient plus quand n grandit ; la diffusion de MPI passe par la mémoire partagée à des gigaoctets par seconde et coûte une fraction de milliseconde. Sur une salle, elle passe par le réseau : à n = 484, B pèse 1,9 Mo, soit 15 ms pour chaque rang sur un Ethernet à 1 Gbit/s, autant que tout le produit ici.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>MPI: when a rank dies</source>
        <translation>MPI : quand un rang meurt</translation>
    </message>
    <message>
        <source>&lt;p&gt;On a lab of twenty machines, one of them will fail some day: a student trips on a cable, a process runs out of memory. What happens to the run depends on who organises the processes.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;process pool&lt;/b&gt; belongs to one parent, which watches its workers. When one dies, ProcLab&apos;s pool starts another, names the task that was lost (and where it was: running, decoding, encoding) and runs on. (CPython&apos;s &lt;code&gt;multiprocessing.Pool&lt;/code&gt; waits for the lost task for ever; &lt;code&gt;concurrent.futures&lt;/code&gt; marks the whole pool broken.)&lt;/p&gt;&lt;p&gt;&lt;b&gt;MPI&lt;/b&gt; is &lt;b&gt;fail-stop&lt;/b&gt; by default: every rank may be waiting for a message from any other, so when one dies, &lt;code&gt;mpirun&lt;/code&gt; ends the whole job, and the work of every rank is lost with it. Programs that must survive checkpoint their state to disk and restart. A farm can do better, since only rank 0 depends on the others: with &lt;code&gt;mpirun --enable-recovery&lt;/code&gt; the other ranks stay up, ProcLab tells rank 0 which rank died, and rank 0 deals its chunk again. Collectives cannot survive a death in Open MPI 4.1 (that takes ULFM, in Open MPI 5).&lt;/p&gt;&lt;p&gt;The demo kills the worker that runs task 5 three times: in the pool, in an MPI farm, and in the same farm in survive mode.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dans une salle de vingt machines, l&apos;une d&apos;elles tombera en panne un jour : un élève se prend les pieds dans un câble, un processus manque de mémoire. Ce qui arrive au calcul dépend de qui organise les processus.&lt;/p&gt;&lt;p&gt;Un &lt;b&gt;pool de processus&lt;/b&gt; appartient à un seul parent, qui surveille ses workers. Quand l&apos;un meurt, le pool de ProcLab en démarre un autre, nomme la tâche perdue (et où elle en était : en cours, au décodage, à l&apos;encodage) et continue. (Le &lt;code&gt;multiprocessing.Pool&lt;/code&gt; de CPython attend la tâche perdue pour toujours ; &lt;code&gt;concurrent.futures&lt;/code&gt; déclare tout le pool cassé.)&lt;/p&gt;&lt;p&gt;&lt;b&gt;MPI&lt;/b&gt; est &lt;b&gt;fail-stop&lt;/b&gt; par défaut : chaque rang peut attendre un message de n&apos;importe quel autre, donc quand l&apos;un meurt, &lt;code&gt;mpirun&lt;/code&gt; arrête tout le travail, et le travail de chaque rang est perdu avec lui. Les programmes qui doivent survivre enregistrent leur état sur disque et redémarrent. Une ferme peut faire mieux, car seul le rang 0 dépend des autres : avec &lt;code&gt;mpirun --enable-recovery&lt;/code&gt;, les autres rangs restent en vie, ProcLab dit au rang 0 quel rang est mort, et le rang 0 redistribue son lot. Les opérations collectives ne survivent pas à une mort dans Open MPI 4.1 (il faut ULFM, dans Open MPI 5).&lt;/p&gt;&lt;p&gt;La démo tue le worker qui exécute la tâche 5 trois fois : dans le pool, dans une ferme MPI, et dans la même ferme en mode survie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>First, the pool: task 5 is named as lost with the worker&apos;s pid; the eleven other tasks complete.</source>
        <translation>D&apos;abord le pool : la tâche 5 est nommée comme perdue avec le pid du worker ; les onze autres tâches se terminent.</translation>
    </message>
    <message>
        <source>Then the MPI farm: the rank is named with its host, pid and task within a fraction of a second, and the job ends with no result at all.</source>
        <translation>Puis la ferme MPI : le rang est nommé avec sa machine, son pid et sa tâche en une fraction de seconde, et le travail s&apos;arrête sans aucun résultat.</translation>
    </message>
    <message>
        <source>Last, survive mode: the stage shows the dead rank&apos;s box failed, and the other rank takes task 5 again; all twelve results are checked.</source>
        <translation>Enfin le mode survie : la scène montre la boîte du rang mort en échec, et l&apos;autre rang reprend la tâche 5 ; les douze résultats sont vérifiés.</translation>
    </message>
    <message>
        <source>Why does MPI end the whole job when one rank dies?</source>
        <translation>Pourquoi MPI arrête-t-il tout le travail quand un rang meurt ?</translation>
    </message>
    <message>
        <source>Any rank may be waiting for a message from the dead one, in a call that would never return.</source>
        <translation>N&apos;importe quel rang peut attendre un message du rang mort, dans un appel qui ne reviendrait jamais.</translation>
    </message>
    <message>
        <source>To free the dead rank&apos;s memory on the other machines.</source>
        <translation>Pour libérer la mémoire du rang mort sur les autres machines.</translation>
    </message>
    <message>
        <source>Because the other ranks share its address space.</source>
        <translation>Parce que les autres rangs partagent son espace d&apos;adressage.</translation>
    </message>
    <message>
        <source>An MPI program is a set of peers that message each other, often in collectives that need every rank. A rank that waits for a dead one would wait for ever, so the safe default is to stop everything. A farm is the exception that proves the rule: only its dealer waits for the others, so the dealer can be told and carry on.</source>
        <translation>Un programme MPI est un ensemble de pairs qui s&apos;envoient des messages, souvent dans des opérations collectives qui ont besoin de chaque rang. Un rang qui attend un rang mort attendrait pour toujours, donc le choix sûr par défaut est de tout arrêter. La ferme est l&apos;exception qui confirme la règle : seul son distributeur attend les autres, on peut donc le prévenir et il continue.</translation>
    </message>
    <message>
        <source>The breakdown (under the plot when there is room, and in the plot&apos;s Breakdown view, Ctrl+4) splits p × time into useful work, pool start-up, the serial part, dispatch and results, waiting and imbalance. Only useful work scales: the taller the other parts grow with p, the further the point falls from the ideal, and the Karp–Flatt metric rises with them. Hover a bar to read its numbers.</source>
        <translation>La décomposition (sous le graphique quand il y a la place, et dans la vue Décomposition du graphique, Ctrl+4) répartit p × temps entre travail utile, démarrage du pool, partie séquentielle, distribution et résultats, attente et déséquilibre. Seul le travail utile passe à l&apos;échelle : plus les autres parts grandissent avec p, plus le point s&apos;éloigne de l&apos;idéal, et la métrique de Karp–Flatt monte avec elles. Survolez une barre pour lire ses chiffres.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The mistake: thousands of cheap tasks sent one at a time, &lt;code&gt;pool.map(f, xs, chunksize=1)&lt;/code&gt; or one &lt;code&gt;apply_async&lt;/code&gt; per item. Each task travels to a worker and its result travels back: tens of microseconds of pickling, pipes and waking up, for a task of a few microseconds.&lt;/p&gt;&lt;p&gt;The fix: send the tasks in chunks, so one trip carries hundreds of them. &lt;code&gt;Pool.map&lt;/code&gt; does it when you leave &lt;code&gt;chunksize&lt;/code&gt; out; &lt;code&gt;imap&lt;/code&gt; and &lt;code&gt;apply_async&lt;/code&gt; do not.&lt;/p&gt;&lt;p&gt;The experiment runs 40,000 tasks of one microsecond of CPU each, with chunksize 1 and with Python&apos;s default. Look at the plot&apos;s &lt;b&gt;Breakdown&lt;/b&gt; view (Ctrl+4), which puts both series side by side: with chunksize 1 the &lt;b&gt;dispatch and results&lt;/b&gt; part dwarfs the useful work.&lt;/p&gt;</source>
        <translation>&lt;p&gt;L&apos;erreur : des milliers de tâches bon marché envoyées une à une, &lt;code&gt;pool.map(f, xs, chunksize=1)&lt;/code&gt; ou un &lt;code&gt;apply_async&lt;/code&gt; par élément. Chaque tâche voyage vers un processus et son résultat revient : des dizaines de microsecondes de sérialisation, de tubes et de réveils, pour une tâche de quelques microsecondes.&lt;/p&gt;&lt;p&gt;Le remède : envoyer les tâches par paquets, pour qu&apos;un voyage en porte des centaines. &lt;code&gt;Pool.map&lt;/code&gt; le fait quand on omet &lt;code&gt;chunksize&lt;/code&gt; ; &lt;code&gt;imap&lt;/code&gt; et &lt;code&gt;apply_async&lt;/code&gt; non.&lt;/p&gt;&lt;p&gt;L&apos;expérience exécute 40 000 tâches d&apos;une microseconde de CPU chacune, avec chunksize 1 et avec la valeur par défaut de Python. Regardez la vue &lt;b&gt;Décomposition&lt;/b&gt; du graphique (Ctrl+4), qui met les deux séries côte à côte : avec chunksize 1, la part &lt;b&gt;envoi et résultats&lt;/b&gt; écrase le travail utile.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Second run, 1 MiB: both ranks stay &quot;spinning in MPI_Send&quot;; after about three seconds (two of waiting, one to check that both ranks really spin on a CPU) the cycle is printed and the job stopped.</source>
        <translation>Deuxième exécution, 1 Mio : les deux rangs restent « en attente active dans MPI_Send » ; au bout de trois secondes environ (deux d&apos;attente, une pour vérifier que les deux rangs tournent vraiment sur un CPU), le cycle est affiché et le job arrêté.</translation>
    </message>
</context>
<context>
    <name>SettingsStorage</name>
    <message>
        <source>%1 cannot be written: settings, overlays and answers will not be saved.</source>
        <translation>Impossible d&apos;écrire dans %1 : les réglages, les superpositions et les réponses ne seront pas enregistrés.</translation>
    </message>
    <message>
        <source>HOME is not set: settings, overlays and answers will not be saved.</source>
        <translation>HOME n&apos;est pas défini : les réglages, les superpositions et les réponses ne seront pas enregistrés.</translation>
    </message>
</context>
<context>
    <name>proclab::Activity</name>
    <message>
        <source>starting</source>
        <translation>démarre</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en calcul</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>attend un verrou</translation>
    </message>
    <message>
        <source>blocked on a queue</source>
        <translation>bloqué sur une file</translation>
    </message>
    <message>
        <source>blocked on a pipe</source>
        <translation>bloqué sur un tube</translation>
    </message>
    <message>
        <source>waiting (barrier, event, condition)</source>
        <translation>attend (barrière, événement, condition)</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>planté</translation>
    </message>
    <message>
        <source>spinning in MPI</source>
        <translation>attend dans MPI (active)</translation>
    </message>
    <message>
        <source>MPI_Recv from any rank</source>
        <translation>MPI_Recv de n&apos;importe quel rang</translation>
    </message>
    <message>
        <source>MPI_Recv from rank %1</source>
        <translation>MPI_Recv du rang %1</translation>
    </message>
    <message>
        <source>MPI_Send to rank %1</source>
        <translation>MPI_Send vers le rang %1</translation>
    </message>
</context>
<context>
    <name>proclab::CentralArea</name>
    <message>
        <source>Stage</source>
        <translation>Scène</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>Scalabilité</translation>
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
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the Python program to the clipboard</source>
        <translation>Copier le programme Python dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy the C++ call to the clipboard</source>
        <translation>Copier l&apos;appel C++ dans le presse-papiers</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 is larger than 4 MB: not a script to edit here</source>
        <translation>%1 dépasse 4 Mo : ce n&apos;est pas un script à modifier ici</translation>
    </message>
    <message>
        <source>Your script: %1</source>
        <translation>Votre script : %1</translation>
    </message>
    <message>
        <source>Nothing to save: this is a lesson&apos;s program (Copy takes it)</source>
        <translation>Rien à enregistrer : c&apos;est le programme d&apos;une leçon (Copier le prend)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1 : %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Run this Python for real</source>
        <translation>Exécuter ce Python pour de vrai</translation>
    </message>
    <message>
        <source>Run my script</source>
        <translation>Exécuter mon script</translation>
    </message>
    <message>
        <source>Run this program under real CPython, its processes, tasks, queues and locks shown live on the Stage</source>
        <translation>Exécuter ce programme sous le vrai CPython, ses processus, tâches, files et verrous montrés en direct sur la Scène</translation>
    </message>
    <message>
        <source>Save it if changed, then run it under real CPython, shown live on the Stage</source>
        <translation>L&apos;enregistrer s&apos;il a changé, puis l&apos;exécuter sous le vrai CPython, montré en direct sur la Scène</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save the script (Ctrl+S)</source>
        <translation>Enregistrer le script (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>proclab::ConsoleView</name>
    <message>
        <source>%1 processes</source>
        <translation>%1 processus</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>Copier &amp;tout</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <source>More than %L1 events: the rest of this run is drawn live but not kept for replay or saving.</source>
        <translation>Plus de %L1 événements : la suite de cette exécution est dessinée en direct mais n&apos;est pas gardée pour la relecture ni l&apos;enregistrement.</translation>
    </message>
</context>
<context>
    <name>proclab::ExperimentPanel</name>
    <message>
        <source>process pool</source>
        <translation>pool de processus</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>threads sharing a GIL</source>
        <translation>threads partageant un GIL</translation>
    </message>
    <message>
        <source>serial loop</source>
        <translation>boucle séquentielle</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>the workload once, animated</source>
        <translation>la charge une fois, animée</translation>
    </message>
    <message>
        <source>One run on the Stage and the Timeline: watch the workers take tasks</source>
        <translation>Une exécution sur la Scène et la Chronologie : regardez les processus de travail prendre les tâches</translation>
    </message>
    <message>
        <source>a tutorial demo, animated</source>
        <translation>une démo du tutoriel, animée</translation>
    </message>
    <message>
        <source>One of the tutorials&apos; examples on real processes</source>
        <translation>Un des exemples des tutoriels, sur de vrais processus</translation>
    </message>
    <message>
        <source>a scaling sweep of the workload</source>
        <translation>un balayage de scalabilité</translation>
    </message>
    <message>
        <source>Wall time for p = 1 … max processes, plotted as it is measured</source>
        <translation>Temps réel pour p = 1 … processus max, tracé au fil des mesures</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>La&amp;ncer :</translation>
    </message>
    <message>
        <source>&amp;Demo:</source>
        <translation>Dé&amp;mo :</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Charge de travail</translation>
    </message>
    <message>
        <source>&amp;Workload:</source>
        <translation>&amp;Charge :</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>The sweep measures p = 1, 2, … up to this many processes.
CPU cores on this machine: %1.</source>
        <translation>Le balayage mesure p = 1, 2, … jusqu&apos;à ce nombre de processus.
Cœurs de CPU sur cette machine : %1.</translation>
    </message>
    <message>
        <source>Max &amp;processes:</source>
        <translation>&amp;Processus max :</translation>
    </message>
    <message>
        <source>A pool of worker processes, as multiprocessing.Pool</source>
        <translation>Un pool de processus de travail, comme multiprocessing.Pool</translation>
    </message>
    <message>
        <source>Threads without a GIL, as in C++ (or free-threaded Python)</source>
        <translation>Des threads sans GIL, comme en C++ (ou en Python sans GIL)</translation>
    </message>
    <message>
        <source>Threads that must hold one global interpreter lock to compute, as CPython&apos;s</source>
        <translation>Des threads qui doivent tenir un verrou global de l&apos;interpréteur pour calculer, comme dans CPython</translation>
    </message>
    <message>
        <source>One plain loop: the baseline</source>
        <translation>Une simple boucle : la référence</translation>
    </message>
    <message>
        <source>One series per checked executor</source>
        <translation>Une série par exécuteur coché</translation>
    </message>
    <message>
        <source>E&amp;xecutors:</source>
        <translation>Exécu&amp;teurs :</translation>
    </message>
    <message>
        <source>Each worker is a freshly exec&apos;d program</source>
        <translation>Chaque processus de travail est un programme lancé à neuf par exec</translation>
    </message>
    <message>
        <source>A clean server process forks each worker</source>
        <translation>Un processus serveur propre crée chaque processus de travail par fork</translation>
    </message>
    <message>
        <source>How worker processes start (process executor only)</source>
        <translation>Comment les processus de travail démarrent (exécuteur processus seulement)</translation>
    </message>
    <message>
        <source>Start &amp;method:</source>
        <translation>Démarra&amp;ge :</translation>
    </message>
    <message>
        <source>dynamic (workers pull)</source>
        <translation>dynamique (à la demande)</translation>
    </message>
    <message>
        <source>Each worker takes the next chunk when it is free, as Python does</source>
        <translation>Chaque processus de travail prend le lot suivant dès qu&apos;il est libre, comme Python</translation>
    </message>
    <message>
        <source>static (round robin)</source>
        <translation>statique (tourniquet)</translation>
    </message>
    <message>
        <source>Chunks are dealt out in turn before the run starts</source>
        <translation>Les lots sont distribués à tour de rôle avant le début de l&apos;exécution</translation>
    </message>
    <message>
        <source>Sc&amp;heduling:</source>
        <translation>O&amp;rdonnancement :</translation>
    </message>
    <message>
        <source>Tasks sent to a worker at a time; a list such as &quot;1, 10, 100&quot; gives one series each. Auto: ceil(tasks / (4 × workers)), as Pool.map does</source>
        <translation>Tâches envoyées à un processus de travail à la fois ; une liste comme « 1, 10, 100 » donne une série chacune. Auto : ceil(tasks / (4 × workers)), comme Pool.map</translation>
    </message>
    <message>
        <source>Chunksi&amp;zes:</source>
        <translation>Chunksi&amp;zes :</translation>
    </message>
    <message>
        <source>A parameter to sweep as the problem size: one series per value</source>
        <translation>Un paramètre à faire varier comme taille du problème : une série par valeur</translation>
    </message>
    <message>
        <source>e.g. 128, 256, 512</source>
        <translation>p. ex. 128, 256, 512</translation>
    </message>
    <message>
        <source>Prob&amp;lem size:</source>
        <translation>Ta&amp;ille du problème :</translation>
    </message>
    <message>
        <source>Runs per point: the plot shows their median and their spread</source>
        <translation>Exécutions par point : le graphique montre leur médiane et leur dispersion</translation>
    </message>
    <message>
        <source>Repea&amp;ts per point:</source>
        <translation>Répétition&amp;s :</translation>
    </message>
    <message>
        <source>Warm-&amp;up run first (not recorded)</source>
        <translation>C&amp;hauffe d&apos;abord (non mesurée)</translation>
    </message>
    <message>
        <source>One run at p = 1 before measuring, so caches are warm for the first point</source>
        <translation>Une exécution à p = 1 avant de mesurer, pour que les caches soient chauds dès le premier point</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>Lancer le balayage</translation>
    </message>
    <message>
        <source>Measure p = 1 … max processes (Ctrl+R)</source>
        <translation>Mesurer p = 1 … processus max (Ctrl+R)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop after the measurement under way (Esc)</source>
        <translation>Arrêter après la mesure en cours (Esc)</translation>
    </message>
    <message>
        <source>Worker processes in the pool (for a demo: where it has a choice).
CPU cores on this machine: %1.</source>
        <translation>Processus de travail du pool (pour une démo : là où elle laisse le choix).
Cœurs de CPU sur cette machine : %1.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>&amp;Processus :</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> contre </translation>
    </message>
    <message>
        <source>%1 scheduling</source>
        <translation>ordonnancement %1</translation>
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
        <translation>médiane de %1 exécutions</translation>
    </message>
    <message>
        <source>1 run per point</source>
        <translation>1 exécution par point</translation>
    </message>
    <message>
        <source>my Python script, animated</source>
        <translation>mon script Python, animé</translation>
    </message>
    <message>
        <source>Your own multiprocessing program under real CPython: its processes, tasks, queues and locks, live</source>
        <translation>Votre propre programme multiprocessing sous le vrai CPython : ses processus, tâches, files et verrous, en direct</translation>
    </message>
    <message>
        <source>a scaling sweep of my Python script</source>
        <translation>un balayage de mon script Python</translation>
    </message>
    <message>
        <source>Your script at p = 1 … max processes: os.cpu_count() and Pool() without an argument see p</source>
        <translation>Votre script à p = 1 … max processus : os.cpu_count() et Pool() sans argument voient p</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Script Python</translation>
    </message>
    <message>
        <source>a .py file (File → Open Python Script…)</source>
        <translation>un fichier .py (Fichier → Ouvrir un script Python…)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Choose a Python script (it opens in the Code panel, where you can edit and save it)</source>
        <translation>Choisir un script Python (il s&apos;ouvre dans le panneau Code, où vous pouvez le modifier et l&apos;enregistrer)</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>&amp;Script :</translation>
    </message>
    <message>
        <source>sys.argv[1:], split as a shell splits them (quotes keep words together)</source>
        <translation>sys.argv[1:], découpés comme le fait un shell (les guillemets gardent les mots ensemble)</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Arguments :</translation>
    </message>
    <message>
        <source>python3 on PATH, another name on PATH, or a path: a virtual environment&apos;s bin/python</source>
        <translation>python3 dans le PATH, un autre nom dans le PATH, ou un chemin : le bin/python d&apos;un environnement virtuel</translation>
    </message>
    <message>
        <source>&amp;Interpreter:</source>
        <translation>&amp;Interpréteur :</translation>
    </message>
    <message>
        <source>the script&apos;s choice</source>
        <translation>le choix du script</translation>
    </message>
    <message>
        <source>Whatever the script asks for (set_start_method, get_context), else Python&apos;s default</source>
        <translation>Ce que le script demande (set_start_method, get_context), sinon le défaut de Python</translation>
    </message>
    <message>
        <source>not a Python interpreter</source>
        <translation>pas un interpréteur Python</translation>
    </message>
    <message>
        <source>not found: install python3, or give a path</source>
        <translation>introuvable : installez python3, ou donnez un chemin</translation>
    </message>
    <message>
        <source>asking %1…</source>
        <translation>interrogation de %1…</translation>
    </message>
    <message>
        <source>What os.cpu_count() answers in the script: Pool() and ProcessPoolExecutor() without an argument start this many workers.
CPU cores on this machine: %1.</source>
        <translation>Ce que répond os.cpu_count() dans le script : Pool() et ProcessPoolExecutor() sans argument lancent autant de processus.
Cœurs CPU sur cette machine : %1.</translation>
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
        <translation>la méthode du script</translation>
    </message>
    <message>
        <source>MPI ranks, static blocks (mpi-spmd)</source>
        <translation>rangs MPI, blocs statiques (mpi-spmd)</translation>
    </message>
    <message>
        <source>MPI ranks, rank 0 deals (mpi-farm)</source>
        <translation>rangs MPI, le rang 0 distribue (mpi-farm)</translation>
    </message>
    <message>
        <source>MPI ranks under Open MPI&apos;s mpirun: each rank computes a block of the tasks, then MPI_Reduce and MPI_Gatherv bring the results to rank 0 (--hosts FILE spreads them over machines)</source>
        <translation>Des rangs MPI sous le mpirun d&apos;Open MPI : chaque rang calcule un bloc des tâches, puis MPI_Reduce et MPI_Gatherv ramènent les résultats au rang 0 (--hosts FICHIER les répartit sur plusieurs machines)</translation>
    </message>
    <message>
        <source>MPI ranks under Open MPI&apos;s mpirun: rank 0 deals chunks over MPI_Send/MPI_Recv to whichever rank asks, as the Pool schedules dynamically (--hosts FILE spreads them over machines)</source>
        <translation>Des rangs MPI sous le mpirun d&apos;Open MPI : le rang 0 distribue les lots par MPI_Send/MPI_Recv au rang qui en demande, comme l&apos;ordonnancement dynamique du Pool (--hosts FICHIER les répartit sur plusieurs machines)</translation>
    </message>
    <message>
        <source>Strong scaling: the same problem at every p, the ideal is T(1) / p. Weak scaling: the problem grows with p so each process keeps the work it had at p = 1, the ideal is the same wall time at every p (Gustafson)</source>
        <translation>Fort : le même problème à chaque p, l&apos;idéal est T(1) / p. Faible : le problème grandit avec p pour que chaque processus garde le travail qu&apos;il avait à p = 1, l&apos;idéal est le même temps écoulé à chaque p (Gustafson)</translation>
    </message>
    <message>
        <source>Scali&amp;ng:</source>
        <translation>Passage à l&apos;éche&amp;lle :</translation>
    </message>
    <message>
        <source>strong: the same problem at every p</source>
        <translation>fort : le même problème à chaque p</translation>
    </message>
    <message>
        <source>weak: %1</source>
        <translation>faible : %1</translation>
    </message>
    <message>
        <source>weak scaling: %1</source>
        <translation>passage à l&apos;échelle faible : %1</translation>
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
        <translation>&amp;Fichier d&apos;hôtes :</translation>
    </message>
    <message>
        <source>none: MPI ranks run on this machine</source>
        <translation>aucun : les rangs MPI tournent sur cette machine</translation>
    </message>
    <message>
        <source>An Open MPI hostfile, one machine per line: &quot;pc07 slots=4&quot;. proclab-mpi-worker must be installed at the same path on every machine.</source>
        <translation>Un fichier d&apos;hôtes Open MPI, une machine par ligne : « pc07 slots=4 ». proclab-mpi-worker doit être installé au même chemin sur chaque machine.</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Parcourir...</translation>
    </message>
    <message>
        <source>Remote &amp;shell:</source>
        <translation>&amp;Shell distant :</translation>
    </message>
    <message>
        <source>ssh</source>
        <translation>ssh</translation>
    </message>
    <message>
        <source>What mpirun runs to reach the other machines (its plm_rsh_agent); empty: ssh</source>
        <translation>Ce que mpirun lance pour joindre les autres machines (son plm_rsh_agent) ; vide : ssh</translation>
    </message>
    <message>
        <source>&amp;Check hosts</source>
        <translation>&amp;Vérifier les hôtes</translation>
    </message>
    <message>
        <source>Ask every host at once, as an MPI run would: is it reachable, does it have the worker, can it connect back to this machine?</source>
        <translation>Interroger tous les hôtes à la fois, comme le ferait une exécution MPI : est-il joignable, a-t-il le worker, peut-il se reconnecter à cette machine ?</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>Slots</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What it said</source>
        <translation>Ce qu&apos;il a dit</translation>
    </message>
    <message>
        <source>Open MPI hostfile</source>
        <translation>Fichier d&apos;hôtes Open MPI</translation>
    </message>
    <message>
        <source>MPI runs: every rank on this machine.</source>
        <translation>Exécutions MPI : tous les rangs sur cette machine.</translation>
    </message>
    <message>
        <source>MPI runs keep the previous hosts.</source>
        <translation>Les exécutions MPI gardent les hôtes précédents.</translation>
    </message>
    <message>
        <source>MPI runs: ranks on these hosts, connecting back to %1 (this machine).</source>
        <translation>Exécutions MPI : rangs sur ces hôtes, qui se reconnectent à %1 (cette machine).</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>non vérifié</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s), %1 slot(s) in all.</source>
        <translation>
            <numerusform>%n hôte, %1 slot(s) en tout.</numerusform>
            <numerusform>%n hôtes, %1 slot(s) en tout.</numerusform>
        </translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>no worker</source>
        <translation>pas de worker</translation>
    </message>
    <message>
        <source>cannot reach this machine</source>
        <translation>ne joint pas cette machine</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>runs as %1, %2 (%3 s)</source>
        <translation>tourne comme %1, %2 (%3 s)</translation>
    </message>
    <message>
        <source>checking...</source>
        <translation>vérification...</translation>
    </message>
    <message>
        <source>Asking every host at once...</source>
        <translation>Interrogation de tous les hôtes à la fois...</translation>
    </message>
    <message>
        <source>Checking the MPI hosts of %1</source>
        <translation>Vérification des hôtes MPI de %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n host(s) ready, %2 slot(s) for MPI ranks.</source>
        <translation>
            <numerusform>%1 hôte prêt sur %n, %2 slot(s) pour les rangs MPI.</numerusform>
            <numerusform>%1 hôtes prêts sur %n, %2 slot(s) pour les rangs MPI.</numerusform>
        </translation>
    </message>
    <message>
        <source>A farm r&amp;uns on when a rank dies</source>
        <translation>Une ferme contin&amp;ue quand un rang meurt</translation>
    </message>
    <message>
        <source>mpi-farm only: rank 0 deals a dead rank&apos;s chunk to the others (mpirun --enable-recovery). Off: MPI is fail-stop, the whole job ends (MPI&apos;s default).</source>
        <translation>mpi-farm seulement : le rang 0 redistribue le lot d&apos;un rang mort aux autres (mpirun --enable-recovery). Décoché : MPI est fail-stop, tout le travail s&apos;arrête (le comportement par défaut de MPI).</translation>
    </message>
</context>
<context>
    <name>proclab::LessonController</name>
    <message>
        <source>Cannot run lesson %1: %2</source>
        <translation>Impossible de lancer la leçon %1 : %2</translation>
    </message>
    <message>
        <source>▶ Lesson %1: %2</source>
        <translation>▶ Leçon %1 : %2</translation>
    </message>
    <message>
        <source>✔ The lesson&apos;s experiment is done. See what to notice, then answer the question.</source>
        <translation>✔ L&apos;expérience de la leçon est terminée. Voyez ce qu&apos;il faut remarquer, puis répondez à la question.</translation>
    </message>
    <message>
        <source>✘ The lesson&apos;s experiment did not complete: see the log above.</source>
        <translation>✘ L&apos;expérience de la leçon n&apos;a pas abouti : voyez le journal ci-dessus.</translation>
    </message>
    <message>
        <source>p = %1: %2 involuntary context switches in the workers</source>
        <translation>p = %1 : %2 changements de contexte involontaires dans les processus de travail</translation>
    </message>
</context>
<context>
    <name>proclab::LessonView</name>
    <message>
        <source>Run the experiment</source>
        <translation>Lancer l&apos;expérience</translation>
    </message>
    <message>
        <source>Start this lesson&apos;s experiment on real processes</source>
        <translation>Lancer l&apos;expérience de cette leçon sur de vrais processus</translation>
    </message>
    <message>
        <source>What to notice</source>
        <translation>À remarquer</translation>
    </message>
    <message>
        <source>Check your understanding</source>
        <translation>Vérifiez votre compréhension</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivante</translation>
    </message>
    <message>
        <source>Answered right</source>
        <translation>Bonne réponse donnée</translation>
    </message>
    <message>
        <source>Answered, not yet right</source>
        <translation>Répondu, pas encore juste</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>Pas encore répondu</translation>
    </message>
    <message>
        <source>%1 of %2 lessons answered right</source>
        <translation>%1 leçons sur %2 réussies</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Exact.</translation>
    </message>
    <message>
        <source>Not quite. The right answer: %1</source>
        <translation>Pas tout à fait. La bonne réponse : %1</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Leçons</translation>
    </message>
    <message>
        <source>L&amp;essons</source>
        <translation>L&amp;eçons</translation>
    </message>
    <message>
        <source>&amp;Run the Lesson&apos;s Experiment</source>
        <translation>&amp;Lancer l&apos;expérience de la leçon</translation>
    </message>
    <message>
        <source>&amp;Next Lesson</source>
        <translation>Leçon &amp;suivante</translation>
    </message>
    <message>
        <source>&amp;Previous Lesson</source>
        <translation>Leçon &amp;précédente</translation>
    </message>
    <message>
        <source>Classic mistake: %1</source>
        <translation>Erreur classique : %1</translation>
    </message>
</context>
<context>
    <name>proclab::LogView</name>
    <message>
        <source>A line per run: time, workers, verification. Worker output appears here too.</source>
        <translation>Une ligne par exécution : temps, processus de travail, vérification. La sortie des processus de travail apparaît ici aussi.</translation>
    </message>
</context>
<context>
    <name>proclab::MainWindow</name>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Leçon %1 : %2</translation>
    </message>
    <message>
        <source>ProcLab</source>
        <translation>ProcLab</translation>
    </message>
    <message>
        <source>Ready. Choose a workload or a demo and press Run (F5). CPU cores on this machine: %1.</source>
        <translation>Prêt. Choisissez une charge de travail ou une démo et appuyez sur Lancer (F5). Cœurs de CPU sur cette machine : %1.</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Expérience</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <source>Run the workload or the demo, or the sweep, as the experiment panel says (F5)</source>
        <translation>Lancer la charge, la démo ou le balayage, selon le panneau Expérience (F5)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Stop the run: its workers are terminated (Esc)</source>
        <translation>Arrêter l&apos;exécution : ses processus de travail sont terminés (Esc)</translation>
    </message>
    <message>
        <source>&amp;Kill Worker</source>
        <translation>&amp;Tuer le processus</translation>
    </message>
    <message>
        <source>SIGKILL the worker selected on the stage, to see what happens (Del)</source>
        <translation>Envoyer SIGKILL au processus de travail choisi sur la scène, pour voir ce qui se passe (Del)</translation>
    </message>
    <message>
        <source> ms per task</source>
        <translation> ms par tâche</translation>
    </message>
    <message>
        <source>no pace</source>
        <translation>sans cadence</translation>
    </message>
    <message>
        <source>Pace: every worker really waits this long before each pool task, so that a run moves at a speed people can follow</source>
        <translation>Cadence : chaque processus de travail attend vraiment ce temps avant chaque tâche du pool, pour qu&apos;une exécution avance à une vitesse que l&apos;on peut suivre</translation>
    </message>
    <message>
        <source>Reset &amp;Parameters to Defaults</source>
        <translation>Réinitialiser les para&amp;mètres</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Presenter Mode</source>
        <translation>Mode &amp;présentateur</translation>
    </message>
    <message>
        <source>Large fonts and thick lines for a projector</source>
        <translation>Grandes polices et traits épais pour un vidéoprojecteur</translation>
    </message>
    <message>
        <source>Go to &amp;Results</source>
        <translation>Aller aux &amp;résultats</translation>
    </message>
    <message>
        <source>Go to &amp;Log</source>
        <translation>Aller au &amp;journal</translation>
    </message>
    <message>
        <source>Go to &amp;Experiment</source>
        <translation>Aller à l&apos;&amp;expérience</translation>
    </message>
    <message>
        <source>&amp;About ProcLab</source>
        <translation>À &amp;propos de ProcLab</translation>
    </message>
    <message>
        <source>About ProcLab</source>
        <translation>À propos de ProcLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ProcLab %1&lt;/h3&gt;&lt;p&gt;A laboratory for process-based parallelism.&lt;/p&gt;&lt;p&gt;Every point on the plot is a real run: real worker processes (their pids are in the results table), timed by the engine and checked against a serial computation.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ProcLab %1&lt;/h3&gt;&lt;p&gt;Un laboratoire du parallélisme par processus.&lt;/p&gt;&lt;p&gt;Chaque point du graphique est une vraie exécution : de vrais processus de travail (leurs pid sont dans le tableau des résultats), chronométrés par le moteur et vérifiés par un calcul séquentiel.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>E&amp;xperiment</source>
        <translation>E&amp;xpérience</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Pa&amp;nels</source>
        <translation>Pan&amp;neaux</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>  Pace: </source>
        <translation>  Cadence : </translation>
    </message>
    <message>
        <source>  Speed: </source>
        <translation>  Vitesse : </translation>
    </message>
    <message>
        <source>%1: %2 against processes</source>
        <translation>%1 : %2 selon les processus</translation>
    </message>
    <message>
        <source>What the processes of a run print, with their pids.</source>
        <translation>Ce qu&apos;affichent les processus d&apos;une exécution, avec leurs pid.</translation>
    </message>
    <message>
        <source>MPI Hosts</source>
        <translation>Hôtes MPI</translation>
    </message>
    <message>
        <source>Check MPI &amp;Hosts</source>
        <translation>Vérifier les &amp;hôtes MPI</translation>
    </message>
    <message>
        <source>Choose the machines MPI ranks run on, and ask each whether it is ready</source>
        <translation>Choisir les machines où tournent les rangs MPI, et demander à chacune si elle est prête</translation>
    </message>
</context>
<context>
    <name>proclab::ParameterForm</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Range: %1. Default: %2.</source>
        <translation>Plage : %1. Par défaut : %2.</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Par défaut : %1</translation>
    </message>
</context>
<context>
    <name>proclab::PlaybackControls</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>Pa&amp;s à pas</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>Re&amp;jouer</translation>
    </message>
    <message>
        <source>Pause or resume the animation; the processes go on (Space)</source>
        <translation>Mettre en pause ou reprendre l&apos;animation ; les processus continuent (Space)</translation>
    </message>
    <message>
        <source>Pause, and show the next event (. or F10)</source>
        <translation>Mettre en pause et montrer l&apos;événement suivant (. ou F10)</translation>
    </message>
    <message>
        <source>Play the last run again from its start, at the chosen speed (Ctrl+Shift+R)</source>
        <translation>Rejouer la dernière exécution depuis le début, à la vitesse choisie (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Replay speed: real time down to a thousand times slower</source>
        <translation>Vitesse de relecture : du temps réel jusqu&apos;à mille fois plus lent</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>aucune exécution</translation>
    </message>
    <message>
        <source>live  %1</source>
        <translation>direct  %1</translation>
    </message>
    <message>
        <source>replay at %1  %2 of %3</source>
        <translation>relecture à %1  %2 sur %3</translation>
    </message>
    <message>
        <source>paused  %1 of %2 · event %L3 of %L4</source>
        <translation>en pause  %1 sur %2 · événement %L3 sur %L4</translation>
    </message>
    <message>
        <source> · %L1 events not kept</source>
        <translation> · %L1 événements non gardés</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>Li&amp;re</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
</context>
<context>
    <name>proclab::RunController</name>
    <message>
        <source>unknown workload &apos;%1&apos;</source>
        <translation>charge de travail inconnue « %1 »</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Impossible de lancer : %1</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Impossible de lancer %1 : %2</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>Exécution de %1…</translation>
    </message>
    <message>
        <source>Stopping: the run&apos;s workers are being terminated…</source>
        <translation>Arrêt : les processus de travail de l&apos;exécution sont en cours de terminaison…</translation>
    </message>
    <message>
        <source>▶ %1</source>
        <translation>▶ %1</translation>
    </message>
    <message>
        <source>Done: demo %1 in %2.</source>
        <translation>Terminé : démo %1 en %2.</translation>
    </message>
    <message>
        <source>Done in %1: %2 · %3</source>
        <translation>Terminé en %1 : %2 · %3</translation>
    </message>
    <message>
        <source>verified (%1)</source>
        <translation>vérifié (%1)</translation>
    </message>
    <message>
        <source>NOT VERIFIED (%1)</source>
        <translation>NON VÉRIFIÉ (%1)</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>Stopped after %1; every process of the run has ended.</source>
        <translation>Arrêté après %1 ; tous les processus de l&apos;exécution sont terminés.</translation>
    </message>
    <message>
        <source>■ Stopped by the user after %1.</source>
        <translation>■ Arrêté par l&apos;utilisateur après %1.</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>L&apos;exécution a échoué : %1</translation>
    </message>
    <message>
        <source>✘ The run failed: %1</source>
        <translation>✘ L&apos;exécution a échoué : %1</translation>
    </message>
    <message>
        <source>(%L1 console writes beyond %L2 were shown but not kept for saving)</source>
        <translation>(%L1 écritures console au-delà de %L2 ont été affichées mais non gardées pour l&apos;enregistrement)</translation>
    </message>
    <message>
        <source>Nothing to kill: no run is under way.</source>
        <translation>Rien à tuer : aucune exécution en cours.</translation>
    </message>
    <message>
        <source>Select a worker on the stage first (click its box), then press Del.</source>
        <translation>Choisissez d&apos;abord un processus de travail sur la scène (cliquez sur sa boîte), puis appuyez sur Del.</translation>
    </message>
    <message>
        <source>Not killed: %1</source>
        <translation>Non tué : %1</translation>
    </message>
    <message>
        <source>✖ SIGKILL sent to %1</source>
        <translation>✖ SIGKILL envoyé à %1</translation>
    </message>
    <message>
        <source>SIGKILL sent to %1: watch what the run does without it.</source>
        <translation>SIGKILL envoyé à %1 : regardez ce que fait l&apos;exécution sans lui.</translation>
    </message>
    <message>
        <source>Done: %1 in %2 (%3).</source>
        <translation>Terminé : %1 en %2 (%3).</translation>
    </message>
    <message>
        <source>The probe: %1</source>
        <translation>La sonde : %1</translation>
    </message>
</context>
<context>
    <name>proclab::RunFile</name>
    <message>
        <source>Save &amp;Run…</source>
        <translation>&amp;Enregistrer l&apos;exécution…</translation>
    </message>
    <message>
        <source>&amp;Open Run…</source>
        <translation>&amp;Ouvrir une exécution…</translation>
    </message>
    <message>
        <source>Export &amp;Chrome Trace…</source>
        <translation>Exporter la trace &amp;Chrome…</translation>
    </message>
    <message>
        <source>Save the last run (events, processes, console, settings) to replay later</source>
        <translation>Enregistrer la dernière exécution (événements, processus, console, réglages) pour la rejouer plus tard</translation>
    </message>
    <message>
        <source>The last run as Chrome Trace Event JSON, for Perfetto or chrome://tracing</source>
        <translation>La dernière exécution en JSON Chrome Trace Event, pour Perfetto ou chrome://tracing</translation>
    </message>
    <message>
        <source>There is no run to save yet: run a workload or a demo first.</source>
        <translation>Il n&apos;y a pas encore d&apos;exécution à enregistrer : lancez d&apos;abord une charge ou une démo.</translation>
    </message>
    <message>
        <source>Stop the run under way first.</source>
        <translation>Arrêtez d&apos;abord l&apos;exécution en cours.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Ouvert : %1</translation>
    </message>
    <message>
        <source>Opened a recorded run (%L1 events). Replay (Ctrl+Shift+R) plays it again; Step (.) goes event by event.</source>
        <translation>Exécution enregistrée ouverte (%L1 événements). Rejouer (Ctrl+Shift+R) la relit ; Pas à pas (.) avance événement par événement.</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>Enregistrer l&apos;exécution</translation>
    </message>
    <message>
        <source>ProcLab run (*.proclab.json *.json)</source>
        <translation>Exécution ProcLab (*.proclab.json *.json)</translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>Exécution enregistrée dans %1</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Ouvrir une exécution</translation>
    </message>
    <message>
        <source>ProcLab run (*.proclab.json *.json);;All files (*)</source>
        <translation>Exécution ProcLab (*.proclab.json *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>Impossible d&apos;ouvrir %1 :
%2</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>Il n&apos;y a pas encore d&apos;exécution à exporter.</translation>
    </message>
    <message>
        <source>Export Chrome Trace</source>
        <translation>Exporter la trace Chrome</translation>
    </message>
    <message>
        <source>Chrome Trace Event JSON (*.json)</source>
        <translation>JSON Chrome Trace Event (*.json)</translation>
    </message>
    <message>
        <source>Trace saved to %1: open it in https://ui.perfetto.dev or chrome://tracing</source>
        <translation>Trace enregistrée dans %1 : ouvrez-la dans https://ui.perfetto.dev ou chrome://tracing</translation>
    </message>
</context>
<context>
    <name>proclab::RunSession</name>
    <message>
        <source>demo %1</source>
        <translation>démo %1</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>%1 processus</translation>
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
        <translation>cadence %1 ms</translation>
    </message>
    <message>
        <source>no run is under way</source>
        <translation>aucune exécution en cours</translation>
    </message>
    <message>
        <source>process %1 was not started by this run</source>
        <translation>le processus %1 n&apos;a pas été lancé par cette exécution</translation>
    </message>
    <message>
        <source>process %1 has already exited</source>
        <translation>le processus %1 est déjà terminé</translation>
    </message>
    <message>
        <source>process %1 is ProcLab itself</source>
        <translation>le processus %1 est ProcLab lui-même</translation>
    </message>
    <message>
        <source>process %1: %2</source>
        <translation>processus %1 : %2</translation>
    </message>
    <message>
        <source>unknown workload &apos;%1&apos;</source>
        <translation>charge de travail inconnue « %1 »</translation>
    </message>
    <message>
        <source>%1 of %2 tasks failed: %3</source>
        <translation>%1 tâches sur %2 ont échoué : %3</translation>
    </message>
    <message>
        <source>unknown demo &apos;%1&apos;</source>
        <translation>démo inconnue « %1 »</translation>
    </message>
    <message>
        <source>the demo ended with exit code %1</source>
        <translation>la démo s&apos;est terminée avec le code de sortie %1</translation>
    </message>
    <message>
        <source>the run was stopped</source>
        <translation>l’exécution a été arrêtée</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>code de sortie %1</translation>
    </message>
    <message>
        <source>killed by SIG%1</source>
        <translation>tué par SIG%1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>tué par le signal %1</translation>
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
        <translation>la méthode du script</translation>
    </message>
    <message>
        <source>process %1 is not a live process of the script</source>
        <translation>le processus %1 n&apos;est pas un processus vivant du script</translation>
    </message>
    <message>
        <source>the script could not start</source>
        <translation>le script n&apos;a pas pu démarrer</translation>
    </message>
    <message>
        <source>Python %1 · %2 · %3 processes</source>
        <translation>Python %1 · %2 · %3 processus</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(version inconnue)</translation>
    </message>
    <message>
        <source>the script ended: %1</source>
        <translation>le script s&apos;est terminé : %1</translation>
    </message>
    <message>
        <source>Rank %1 on %2 (pid %3) died in task %4; rank 0 dealt its chunk again (survive mode).</source>
        <translation>Le rang %1 sur %2 (pid %3) est mort dans la tâche %4 ; le rang 0 a redistribué son paquet (mode survie).</translation>
    </message>
    <message>
        <source>Rank %1 on %2 (pid %3) died; rank 0 went on without it (survive mode).</source>
        <translation>Le rang %1 sur %2 (pid %3) est mort ; le rang 0 a continué sans lui (mode survie).</translation>
    </message>
</context>
<context>
    <name>proclab::ScalingLab</name>
    <message>
        <source>&lt;b&gt;Predict first.&lt;/b&gt; How many times faster than one process will p processes be? Type your guess for every p, then run.</source>
        <translation>&lt;b&gt;Prédisez d&apos;abord.&lt;/b&gt; Combien de fois plus vite qu&apos;un seul processus iront p processus ? Tapez votre estimation pour chaque p, puis lancez.</translation>
    </message>
    <message>
        <source>you expect</source>
        <translation>prévu</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>mesuré</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>verdict</translation>
    </message>
    <message>
        <source>about 00 min 00 s left</source>
        <translation>encore 00 min 00 s environ</translation>
    </message>
    <message>
        <source>Scaling lab</source>
        <translation>Labo de scalabilité</translation>
    </message>
    <message>
        <source>Plot %1 against the number of processes</source>
        <translation>Tracer %1 selon le nombre de processus</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Séries</translation>
    </message>
    <message>
        <source>Show or hide each series of the sweep</source>
        <translation>Afficher ou masquer chaque série du balayage</translation>
    </message>
    <message>
        <source>Keep as Overlay</source>
        <translation>Superposer</translation>
    </message>
    <message>
        <source>Pin this run on the plot (dashed) to compare the next runs with it</source>
        <translation>Épingler cette exécution sur le graphique (en tirets) pour y comparer les suivantes</translation>
    </message>
    <message>
        <source>Nothing to keep yet: measure a sweep first.</source>
        <translation>Rien à garder pour l&apos;instant : mesurez d&apos;abord un balayage.</translation>
    </message>
    <message>
        <source>The runs kept for comparison</source>
        <translation>Les exécutions gardées pour comparaison</translation>
    </message>
    <message>
        <source>Predict First</source>
        <translation>Prédire</translation>
    </message>
    <message>
        <source>Type the speedups you expect before running, then compare</source>
        <translation>Tapez les accélérations attendues avant de lancer, puis comparez</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Plot as &amp;PNG Image…</source>
        <translation>Graphique en image &amp;PNG…</translation>
    </message>
    <message>
        <source>Plot as P&amp;DF…</source>
        <translation>Graphique en P&amp;DF…</translation>
    </message>
    <message>
        <source>Plot as &amp;SVG…</source>
        <translation>Graphique en &amp;SVG…</translation>
    </message>
    <message>
        <source>Data as &amp;CSV…</source>
        <translation>Données en &amp;CSV…</translation>
    </message>
    <message>
        <source>Data as &amp;JSON…</source>
        <translation>Données en &amp;JSON…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Predict first: type the speedup you expect for p = %1.</source>
        <translation>Prédire d&apos;abord : tapez l&apos;accélération attendue pour p = %1.</translation>
    </message>
    <message>
        <source>%v of %m runs (%p %)</source>
        <translation>%v sur %m exécutions (%p %)</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>encore %1 s environ</translation>
    </message>
    <message>
        <source>about %1 min %2 s left</source>
        <translation>encore %1 min %2 s environ</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>mesure…</translation>
    </message>
    <message>
        <source>Series (%1)</source>
        <translation>Séries (%1)</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Remove All</source>
        <translation>Tout retirer</translation>
    </message>
    <message>
        <source>Overlays (%1)</source>
        <translation>Superposés (%1)</translation>
    </message>
    <message>
        <source>Kept as an overlay: %1</source>
        <translation>Superposé : %1</translation>
    </message>
    <message>
        <source>Predict first: type the speedup you expect for each p, then press Run.</source>
        <translation>Prédire d&apos;abord : tapez l&apos;accélération attendue pour chaque p, puis appuyez sur Lancer.</translation>
    </message>
    <message>
        <source>less than you thought</source>
        <translation>moins que prévu</translation>
    </message>
    <message>
        <source>more than you thought</source>
        <translation>plus que prévu</translation>
    </message>
    <message>
        <source>close!</source>
        <translation>bien vu !</translation>
    </message>
    <message>
        <source>you expected %1×, measured %2×: %3</source>
        <translation>vous attendiez %1×, mesuré %2× : %3</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 file (*.%2)</source>
        <translation>fichier %1 (*.%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <source>Speedup T(1) / T(p) you expect, e.g. 1.8 for p = 2; every series is compared with it</source>
        <translation>Accélération T(1) / T(p) attendue, par exemple 1,8 pour p = 2 ; chaque série y est comparée</translation>
    </message>
    <message>
        <source>%1 %2×, %3</source>
        <translation>%1 %2×, %3</translation>
    </message>
    <message>
        <source>you expected %1×, measured: %2</source>
        <translation>vous attendiez %1×, mesuré : %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1: not JSON (%2)</source>
        <translation>%1 : pas du JSON (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: the sweep has no point</source>
        <translation>%1 : le balayage n&apos;a aucun point</translation>
    </message>
    <message>
        <source>Show where p × time went at each p, for every series side by side</source>
        <translation>Montrer où est passé p × temps à chaque p, pour toutes les séries côte à côte</translation>
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
        <translation>Graphique de scalabilité</translation>
    </message>
    <message>
        <source>Wall time against the number of processes</source>
        <translation>Temps réel selon le nombre de processus</translation>
    </message>
    <message>
        <source>number of processes p</source>
        <translation>nombre de processus p</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Temps réel</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>Accélération</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>Efficacité</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>temps réel (s)</translation>
    </message>
    <message>
        <source>speedup T(1) / T(p)</source>
        <translation>accélération T(1) / T(p)</translation>
    </message>
    <message>
        <source>efficiency (%)</source>
        <translation>efficacité (%)</translation>
    </message>
    <message>
        <source>1 core on this machine</source>
        <translation>1 cœur sur cette machine</translation>
    </message>
    <message>
        <source>%1 cores on this machine</source>
        <translation>%1 cœurs sur cette machine</translation>
    </message>
    <message>
        <source>Press Run (Ctrl+R) to measure p = 1 … %1</source>
        <translation>Appuyez sur Lancer (Ctrl+R) pour mesurer p = 1 … %1</translation>
    </message>
    <message>
        <source>min–max of repeats</source>
        <translation>min–max des répétitions</translation>
    </message>
    <message>
        <source>ideal T(1) / p</source>
        <translation>idéal T(1) / p</translation>
    </message>
    <message>
        <source>ideal T(1) / p (dashed, each series)</source>
        <translation>idéal T(1) / p (tirets, chaque série)</translation>
    </message>
    <message>
        <source>ideal speedup = p</source>
        <translation>accélération idéale = p</translation>
    </message>
    <message>
        <source>ideal efficiency = 100 %</source>
        <translation>efficacité idéale = 100 %</translation>
    </message>
    <message>
        <source>%1: Amdahl s = %2</source>
        <translation>%1 : Amdahl s = %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>your prediction</source>
        <translation>votre prédiction</translation>
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
        <translation>1 exécution</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>%1 exécutions</translation>
    </message>
    <message>
        <source>median %1 (min %2, max %3; %4)</source>
        <translation>médiane %1 (min %2, max %3 ; %4)</translation>
    </message>
    <message>
        <source>speedup %1× · efficiency %2 %</source>
        <translation>accélération %1× · efficacité %2 %</translation>
    </message>
    <message>
        <source>Karp–Flatt %1</source>
        <translation>Karp–Flatt %1</translation>
    </message>
    <message>
        <source>pool start-up %1</source>
        <translation>démarrage du pool %1</translation>
    </message>
    <message>
        <source>NOT VERIFIED against the serial result</source>
        <translation>NON VÉRIFIÉ par rapport au résultat séquentiel</translation>
    </message>
    <message>
        <source>you expected %1×, measured %2×</source>
        <translation>vous attendiez %1×, mesuré %2×</translation>
    </message>
    <message>
        <source>unsupported file type &apos;%1&apos; (use .png, .jpg, .pdf or .svg)</source>
        <translation>type de fichier non pris en charge « %1 » (utilisez .png, .jpg, .pdf ou .svg)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>useful work</source>
        <translation>travail utile</translation>
    </message>
    <message>
        <source>pool start-up</source>
        <translation>démarrage du pool</translation>
    </message>
    <message>
        <source>serial part</source>
        <translation>partie séquentielle</translation>
    </message>
    <message>
        <source>dispatch and results</source>
        <translation>distribution et résultats</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>attente</translation>
    </message>
    <message>
        <source>imbalance</source>
        <translation>déséquilibre</translation>
    </message>
    <message>
        <source>p × time (s)</source>
        <translation>p × temps (s)</translation>
    </message>
    <message>
        <source>breakdown</source>
        <translation>décomposition</translation>
    </message>
    <message>
        <source>%1 · p = %2: where p × time went</source>
        <translation>%1 · p = %2 : où est passé p × temps</translation>
    </message>
    <message>
        <source>%1 processes × %2 (start-up + wall) = %3 of process time</source>
        <translation>%1 processus × %2 (démarrage + durée) = %3 de temps processus</translation>
    </message>
    <message>
        <source>the tasks&apos; own time</source>
        <translation>le temps propre des tâches</translation>
    </message>
    <message>
        <source>every process waits until the pool is ready</source>
        <translation>chaque processus attend que le pool soit prêt</translation>
    </message>
    <message>
        <source>the main process works alone, the workers wait</source>
        <translation>le processus principal travaille seul, les processus de travail attendent</translation>
    </message>
    <message>
        <source>workers wait for a task to arrive, and for the last results to reach the main process</source>
        <translation>les processus de travail attendent qu&apos;une tâche arrive, et que les derniers résultats parviennent au processus principal</translation>
    </message>
    <message>
        <source>tasks blocked on a lock, queue, pipe or barrier</source>
        <translation>tâches bloquées sur un verrou, une file, un tube ou une barrière</translation>
    </message>
    <message>
        <source>workers idle after their last task while another still computes</source>
        <translation>processus de travail inactifs après leur dernière tâche pendant qu&apos;un autre calcule encore</translation>
    </message>
    <message>
        <source>%1: %2 (%3 %) · %4</source>
        <translation>%1 : %2 (%3 %) · %4</translation>
    </message>
    <message>
        <source>Largest loss: %1. Perfect scaling keeps the bars as tall as at p = 1.</source>
        <translation>Plus grosse perte : %1. Un passage à l&apos;échelle parfait garde les barres aussi hautes qu&apos;à p = 1.</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (masquée)</translation>
    </message>
    <message>
        <source>scaled speedup p · T(1) / T(p)</source>
        <translation>accélération à l&apos;échelle p · T(1) / T(p)</translation>
    </message>
    <message>
        <source>ideal: T(1) at every p (weak scaling)</source>
        <translation>idéal : T(1) à chaque p (passage à l&apos;échelle faible)</translation>
    </message>
    <message>
        <source>ideal: T(1) at every p (dashed, each weak series)</source>
        <translation>idéal : T(1) à chaque p (tirets, chaque série faible)</translation>
    </message>
    <message>
        <source>%1: Gustafson s = %2</source>
        <translation>%1 : Gustafson s = %2</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Décomposition</translation>
    </message>
    <message>
        <source>No breakdown: it is made from a process pool&apos;s events, and no series on show ran one
(threads, MPI ranks and workloads that start their own processes have none)</source>
        <translation>Pas de décomposition : elle se calcule à partir des événements d&apos;un pool de processus, et aucune série affichée n&apos;en a lancé
(les threads, les rangs MPI et les charges qui lancent leurs propres processus n&apos;en ont pas)</translation>
    </message>
    <message>
        <source>left: %1 · right: %2 (outlined in the series&apos; colour)</source>
        <translation>à gauche : %1 · à droite : %2 (bordées de la couleur de la série)</translation>
    </message>
    <message>
        <source>left to right: %1 (outlined in the series&apos; colour)</source>
        <translation>de gauche à droite : %1 (bordées de la couleur de la série)</translation>
    </message>
    <message>
        <source>number of processes p (breakdown: point at a point, or Ctrl+4)</source>
        <translation>nombre de processus p (décomposition : pointez un point, ou Ctrl+4)</translation>
    </message>
</context>
<context>
    <name>proclab::ScreenFit</name>
    <message>
        <source>E&amp;xperiment Panel</source>
        <translation>Panneau E&amp;xpérience</translation>
    </message>
    <message>
        <source>Lessons and &amp;Code Panel</source>
        <translation>Panneau Leçons et &amp;code</translation>
    </message>
    <message>
        <source>&amp;Stage and Plot Together</source>
        <translation>&amp;Scène et graphique ensemble</translation>
    </message>
    <message>
        <source>Open or close the experiment panel (F8)</source>
        <translation>Ouvrir ou fermer le panneau de l’expérience (F8)</translation>
    </message>
    <message>
        <source>Open or close the lessons and their code (F9)</source>
        <translation>Ouvrir ou fermer les leçons et leur code (F9)</translation>
    </message>
    <message>
        <source>Show the stage and the scaling plot together instead of as tabs (F7)</source>
        <translation>Montrer la scène et le graphique de scalabilité ensemble plutôt qu’en onglets (F7)</translation>
    </message>
</context>
<context>
    <name>proclab::ScriptController</name>
    <message>
        <source>Open &amp;Python Script…</source>
        <translation>Ouvrir un script &amp;Python…</translation>
    </message>
    <message>
        <source>Your own multiprocessing program: edit it, run it under real CPython, sweep it</source>
        <translation>Votre propre programme multiprocessing : le modifier, l&apos;exécuter sous le vrai CPython, le mesurer</translation>
    </message>
    <message>
        <source>Open Python Script</source>
        <translation>Ouvrir un script Python</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Scripts Python (*.py);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>No such script: %1</source>
        <translation>Script introuvable : %1</translation>
    </message>
    <message>
        <source>%1 is open: Run (F5) runs it under real CPython; the sweep mode measures it at p = 1 … N.</source>
        <translation>%1 est ouvert : Exécuter (F5) le lance sous le vrai CPython ; le mode balayage le mesure à p = 1 … N.</translation>
    </message>
    <message>
        <source>This lesson has no Python program</source>
        <translation>Cette leçon n&apos;a pas de programme Python</translation>
    </message>
    <message>
        <source>Cannot make %1</source>
        <translation>Impossible de créer %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>proclab::StageProcess</name>
    <message>
        <source>CPU %1 % · %2</source>
        <translation>CPU %1 % · %2</translation>
    </message>
    <message>
        <source>running task %1</source>
        <translation>exécute la tâche %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en calcul</translation>
    </message>
    <message>
        <source>waiting for lock %1</source>
        <translation>attend le verrou %1</translation>
    </message>
    <message>
        <source>blocked on queue %1</source>
        <translation>bloqué sur la file %1</translation>
    </message>
    <message>
        <source>waiting on pipe %1</source>
        <translation>attend sur le tube %1</translation>
    </message>
    <message>
        <source>waiting on #%1</source>
        <translation>attend sur #%1</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>exited (code %1)</source>
        <translation>terminé (code %1)</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <translation>planté (%1)</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>planté</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>tâche %1</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>verrou %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <source>pipe %1</source>
        <translation>tube %1</translation>
    </message>
    <message>
        <source>wait #%1</source>
        <translation>attente #%1</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>sortie %1</translation>
    </message>
    <message>
        <source>terminated (%1)</source>
        <translation>terminé (%1)</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>spinning in %1</source>
        <translation>attend activement dans %1</translation>
    </message>
</context>
<context>
    <name>proclab::StageView</name>
    <message>
        <source>&lt;br&gt;CPU %1 %, resident memory %2 MiB (state %3, read %4 ms ago from /proc)</source>
        <translation>&lt;br&gt;CPU %1 %, mémoire résidente %2 Mio (état %3, lu dans /proc il y a %4 ms)</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 élément</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 éléments</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Aucune exécution</translation>
    </message>
    <message>
        <source>No worker processes yet</source>
        <translation>Pas encore de processus de travail</translation>
    </message>
    <message>
        <source>+%1 more workers</source>
        <translation>+%1 autres processus de travail</translation>
    </message>
    <message>
        <source>submitted %1 · results %2</source>
        <translation>soumises %1 · résultats %2</translation>
    </message>
    <message>
        <source> · lost %1</source>
        <translation> · perdues %1</translation>
    </message>
    <message>
        <source>server process · %1 calls</source>
        <translation>processus serveur · %1 appels</translation>
    </message>
    <message>
        <source>tasks done: %1</source>
        <translation>tâches faites : %1</translation>
    </message>
    <message>
        <source>holds %1 %2</source>
        <translation>tient %1 %2</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>le verrou</translation>
    </message>
    <message>
        <source>locks</source>
        <translation>les verrous</translation>
    </message>
    <message>
        <source>Task queue · %1 waiting</source>
        <translation>File des tâches · %1 en attente</translation>
    </message>
    <message>
        <source>Results received · %1 (as they finish)</source>
        <translation>Résultats · %1 (ordre de fin)</translation>
    </message>
    <message>
        <source>Handed to your code · %1</source>
        <translation>Remis à votre code · %1</translation>
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
        <translation>en attente de put :</translation>
    </message>
    <message>
        <source>waiting to get:</source>
        <translation>en attente de get :</translation>
    </message>
    <message>
        <source>Pipe #%1 · %2 messages</source>
        <translation>Pipe #%1 · %2 messages</translation>
    </message>
    <message>
        <source>→ %1 in flight   ← %2 in flight</source>
        <translation>→ %1 en transit   ← %2 en transit</translation>
    </message>
    <message>
        <source>%1 bytes sent</source>
        <translation>%1 octets envoyés</translation>
    </message>
    <message>
        <source>waiting to recv:</source>
        <translation>en attente de recv :</translation>
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
        <translation>tenu par :</translation>
    </message>
    <message>
        <source>waiting:</source>
        <translation>en attente :</translation>
    </message>
    <message>
        <source>free</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>acquired %1×</source>
        <translation>acquis %1×</translation>
    </message>
    <message>
        <source>Array #%1 · %2 cells</source>
        <translation>Array #%1 · %2 cases</translation>
    </message>
    <message>
        <source>Value #%1</source>
        <translation>Value #%1</translation>
    </message>
    <message>
        <source>%1 by pid %2</source>
        <translation>%1 par le pid %2</translation>
    </message>
    <message>
        <source>last written</source>
        <translation>dernière écriture</translation>
    </message>
    <message>
        <source>last read</source>
        <translation>dernière lecture</translation>
    </message>
    <message>
        <source>%1 writes · %2 reads</source>
        <translation>%1 écritures · %2 lectures</translation>
    </message>
    <message>
        <source>Barrier #%1 (%2 parties) · passed %3×</source>
        <translation>Barrier #%1 (%2 parties) · franchie %3×</translation>
    </message>
    <message>
        <source>Barrier #%1 · passed %2×</source>
        <translation>Barrier #%1 · franchie %2×</translation>
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
        <translation>Condition #%1 · %2 notifications</translation>
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
        <translation>%1 appels au proxy</translation>
    </message>
    <message>
        <source>+%1 more objects</source>
        <translation>+%1 autres objets</translation>
    </message>
    <message>
        <source>+%1 cards in flight</source>
        <translation>+%1 cartes en transit</translation>
    </message>
    <message>
        <source>task card</source>
        <translation>carte de tâche</translation>
    </message>
    <message>
        <source>result</source>
        <translation>résultat</translation>
    </message>
    <message>
        <source>item / message</source>
        <translation>élément / message</translation>
    </message>
    <message>
        <source>Kill %1 (pid %2) with SIGKILL</source>
        <translation>Tuer %1 (pid %2) avec SIGKILL</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 tasks done</source>
        <translation>&lt;br&gt;%1 tâches faites</translation>
    </message>
    <message>
        <source>&lt;br&gt;for %1 ms</source>
        <translation>&lt;br&gt;depuis %1 ms</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Right-click or Del: kill it (SIGKILL)&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Clic droit ou Del : le tuer (SIGKILL)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Tasks submitted to the pool and not yet sent to a worker: %1</source>
        <translation>Tâches soumises au pool et pas encore envoyées à un processus de travail : %1</translation>
    </message>
    <message>
        <source>Results the parent received, in the order the workers finished them (%1 in all)</source>
        <translation>Résultats reçus par le parent, dans l&apos;ordre où les processus de travail les ont finis (%1 en tout)</translation>
    </message>
    <message>
        <source>Results your code received: map gives them all at the end in input order, imap in input order as they come, imap_unordered as they finish (%1 in all)</source>
        <translation>Résultats reçus par votre code : map les donne tous à la fin dans l&apos;ordre des entrées, imap dans l&apos;ordre des entrées au fil de l&apos;eau, imap_unordered dans l&apos;ordre de fin (%1 en tout)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Queue #%1&lt;/b&gt;%2&lt;br&gt;%3 in it now (at most %4 so far)&lt;br&gt;%5 put, %6 got&lt;br&gt;waiting to put: %7&lt;br&gt;waiting to get: %8</source>
        <translation>&lt;b&gt;Queue #%1&lt;/b&gt;%2&lt;br&gt;%3 dedans maintenant (au plus %4 jusqu&apos;ici)&lt;br&gt;%5 put, %6 get&lt;br&gt;en attente de put : %7&lt;br&gt;en attente de get : %8</translation>
    </message>
    <message>
        <source> (maxsize %1)</source>
        <translation> (maxsize %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pipe #%1&lt;/b&gt; (%2)&lt;br&gt;ends: pid %3 and pid %4&lt;br&gt;%5 messages, %6 bytes&lt;br&gt;in flight: %7 → , %8 ←&lt;br&gt;waiting to recv: %9</source>
        <translation>&lt;b&gt;Pipe #%1&lt;/b&gt; (%2)&lt;br&gt;extrémités : pid %3 et pid %4&lt;br&gt;%5 messages, %6 octets&lt;br&gt;en transit : %7 → , %8 ←&lt;br&gt;en attente de recv : %9</translation>
    </message>
    <message>
        <source>duplex</source>
        <translation>bidirectionnel</translation>
    </message>
    <message>
        <source>one-way</source>
        <translation>unidirectionnel</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;held by: %3&lt;br&gt;waiting, in order: %4&lt;br&gt;acquired %5 times</source>
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;tenu par : %3&lt;br&gt;en attente, dans l&apos;ordre : %4&lt;br&gt;acquis %5 fois</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;%3 writes, %4 reads, the last by pid %5</source>
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;%3 écritures, %4 lectures, la dernière par le pid %5</translation>
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
        <translation>&lt;b&gt;%1 #%2&lt;/b&gt;&lt;br&gt;en attente : %3</translation>
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
        <translation>%1 tient Lock #%2 et attend Lock #%3, tenu par %4</translation>
    </message>
    <message>
        <source>DEADLOCK: each process waits for a lock the next one holds; none can ever go on.</source>
        <translation>INTERBLOCAGE : chaque processus attend un verrou que tient le suivant ; aucun ne peut plus avancer.</translation>
    </message>
    <message>
        <source>Press Stop (Esc) to end it. The fix: take the locks in one order everywhere.</source>
        <translation>Appuyez sur Arrêter (Esc) pour y mettre fin. Le remède : prendre les verrous dans un seul ordre partout.</translation>
    </message>
    <message>
        <source>raised %1</source>
        <translation>a levé %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;raised&lt;/b&gt; %1&lt;pre&gt;%2&lt;/pre&gt;</source>
        <translation>&lt;br&gt;&lt;b&gt;a levé&lt;/b&gt; %1&lt;pre&gt;%2&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>rank %1</source>
        <translation>rang %1</translation>
    </message>
    <message>
        <source>host %1 · 1 rank</source>
        <translation>hôte %1 · 1 rang</translation>
    </message>
    <message>
        <source>host %1 · %2 ranks</source>
        <translation>hôte %1 · %2 rangs</translation>
    </message>
    <message>
        <source>MPI messages: %1 (row sends to column)</source>
        <translation>messages MPI : %1 (la ligne envoie à la colonne)</translation>
    </message>
    <message>
        <source>collective calls done: %1</source>
        <translation>appels collectifs faits : %1</translation>
    </message>
    <message>
        <source>message in a host</source>
        <translation>message dans un hôte</translation>
    </message>
    <message>
        <source>between hosts</source>
        <translation>entre hôtes</translation>
    </message>
    <message>
        <source>&lt;br&gt;An MPI wait polls: this rank keeps its CPU busy until the message or the collective completes (a blocked pool worker sleeps instead)</source>
        <translation>&lt;br&gt;Une attente MPI scrute sans cesse : ce rang occupe son CPU jusqu&apos;à ce que le message ou l&apos;opération collective aboutisse (un processus de travail bloqué du pool, lui, dort)</translation>
    </message>
    <message>
        <source>Point-to-point MPI messages so far: rank in the row sent that many to the rank in the column (between hosts in orange: they cross the network, over TCP; inside a host they go through shared memory)</source>
        <translation>Messages MPI point à point jusqu&apos;ici : le rang de la ligne en a envoyé autant au rang de la colonne (entre hôtes en orange : ils traversent le réseau, par TCP ; dans un hôte ils passent par la mémoire partagée)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 MPI ranks placed here by mpirun (Open MPI&apos;s hostfile says how many slots each host has)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; : %2 rangs MPI placés ici par mpirun (le fichier d&apos;hôtes d&apos;Open MPI dit combien d&apos;emplacements a chaque hôte)</translation>
    </message>
    <message>
        <source>MPI messages: %1, %2 (row sends to column)</source>
        <translation>messages MPI : %1, %2 (la ligne envoie à la colonne)</translation>
    </message>
    <message>
        <source>rank %1 is in MPI_Send to rank %2 (%3): it returns once rank %2 receives</source>
        <translation>le rang %1 est dans MPI_Send vers le rang %2 (%3) : il rend la main quand le rang %2 reçoit</translation>
    </message>
    <message>
        <source>rank %1 is in MPI_Recv from rank %2: it returns once rank %2 sends</source>
        <translation>le rang %1 est dans MPI_Recv depuis le rang %2 : il rend la main quand le rang %2 envoie</translation>
    </message>
    <message>
        <source>DEADLOCK: each rank waits for the next, and none of their calls can return.</source>
        <translation>INTERBLOCAGE : chaque rang attend le suivant, et aucun de leurs appels ne peut rendre la main.</translation>
    </message>
    <message>
        <source>ProcLab stops the job. The fix: MPI_Sendrecv, or even ranks send first while odd ranks receive.</source>
        <translation>ProcLab arrête le job. Le correctif : MPI_Sendrecv, ou les rangs pairs envoient d&apos;abord pendant que les impairs reçoivent.</translation>
    </message>
</context>
<context>
    <name>proclab::SweepController</name>
    <message>
        <source>Cannot run: %1</source>
        <translation>Impossible de lancer : %1</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Impossible de lancer %1 : %2</translation>
    </message>
    <message>
        <source>Waiting for the measurement under way (from the stopped sweep) to end…</source>
        <translation>En attente de la fin de la mesure en cours (du balayage arrêté)…</translation>
    </message>
    <message>
        <source>Starting the sweep…</source>
        <translation>Démarrage du balayage…</translation>
    </message>
    <message>
        <source>Stopped (points measured: %1). The measurement under way was interrupted and its workers terminated.</source>
        <translation>Arrêté (points mesurés : %1). La mesure en cours a été interrompue et ses processus de travail terminés.</translation>
    </message>
    <message>
        <source>■ Stopped by the user (points measured: %1).</source>
        <translation>■ Arrêté par l&apos;utilisateur (points mesurés : %1).</translation>
    </message>
    <message>
        <source>Closing after the measurement under way…</source>
        <translation>Fermeture après la mesure en cours…</translation>
    </message>
    <message>
        <source>Warm-up run at p = 1 (not recorded)…</source>
        <translation>Exécution de chauffe à p = 1 (non enregistrée)…</translation>
    </message>
    <message>
        <source>Measuring p = %1 of %2 (repeat %3/%4)…</source>
        <translation>Mesure de p = %1 sur %2 (répétition %3/%4)…</translation>
    </message>
    <message>
        <source>warm-up</source>
        <translation>chauffe</translation>
    </message>
    <message>
        <source>run %1/%2</source>
        <translation>exécution %1/%2</translation>
    </message>
    <message>
        <source>p = %1, %2: wall %3, start-up %4 ms, chunksize %5, workers %6 · %7: %8</source>
        <translation>p = %1, %2 : durée %3, démarrage %4 ms, chunksize %5, processus de travail %6 · %7 : %8</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>NOT VERIFIED</source>
        <translation>NON VÉRIFIÉ</translation>
    </message>
    <message>
        <source>    … (%1 more not shown)</source>
        <translation>    … (%1 autres non affichés)</translation>
    </message>
    <message>
        <source>(worker output shortened: too many lines at once)</source>
        <translation>(sortie des processus de travail raccourcie : trop de lignes d&apos;un coup)</translation>
    </message>
    <message>
        <source>Done: %1 points measured in %2 s.</source>
        <translation>Terminé : %1 points mesurés en %2 s.</translation>
    </message>
    <message>
        <source>No speedup: one process was the fastest.</source>
        <translation>Aucune accélération : un seul processus était le plus rapide.</translation>
    </message>
    <message>
        <source>Best speedup %1× at p = %2 (efficiency %3 %).</source>
        <translation>Meilleure accélération %1× à p = %2 (efficacité %3 %).</translation>
    </message>
    <message>
        <source>Some runs were NOT verified: see the log.</source>
        <translation>Certaines exécutions n&apos;ont PAS été vérifiées : voir le journal.</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Résultat : %1</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>The sweep failed: %1</source>
        <translation>Le balayage a échoué : %1</translation>
    </message>
    <message>
        <source>✘ The sweep failed: %1</source>
        <translation>✘ Le balayage a échoué : %1</translation>
    </message>
    <message>
        <source>■ Sweep stopped by the user.</source>
        <translation>■ Balayage arrêté par l&apos;utilisateur.</translation>
    </message>
    <message>
        <source>p = %1, warm-up</source>
        <translation>p = %1, chauffe</translation>
    </message>
    <message>
        <source>p = %1, repeat %2/%3</source>
        <translation>p = %1, répétition %2/%3</translation>
    </message>
    <message>
        <source>■ Sweep stopped.</source>
        <translation>■ Balayage arrêté.</translation>
    </message>
    <message>
        <source>▶ Sweep: %1, p = 1 … %2 · %3</source>
        <translation>▶ Balayage : %1, p = 1 … %2 · %3</translation>
    </message>
    <message>
        <source>▶ Sweep %1: %2, p = 1 … %3 · %4</source>
        <translation>▶ Balayage %1 : %2, p = 1 … %3 · %4</translation>
    </message>
    <message>
        <source>%1: one MPI job serves the whole series (mpirun once, as many ranks as the largest p, each point on as many of them as it asks for). This first run paid its start-up, %2 ms; a later point&apos;s start-up is only the hand-out of its work.</source>
        <translation>%1 : un seul job MPI sert toute la série (mpirun une fois, autant de rangs que le plus grand p, chaque point sur autant d&apos;entre eux qu&apos;il en demande). Cette première exécution a payé son démarrage, %2 ms ; le démarrage d&apos;un point suivant n&apos;est que la distribution de son travail.</translation>
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
        <translation>oui</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NON</translation>
    </message>
    <message>
        <source>Runs at p = %1: %2</source>
        <translation>Exécutions à p = %1 : %2</translation>
    </message>
    <message>
        <source>Every run gave the same result as the serial computation</source>
        <translation>Chaque exécution a donné le même résultat que le calcul séquentiel</translation>
    </message>
    <message>
        <source>At least one run failed or disagreed with the serial computation (see the log)</source>
        <translation>Au moins une exécution a échoué ou diffère du calcul séquentiel (voir le journal)</translation>
    </message>
    <message>
        <source>%1: pid %2%3, %4 task(s), ready after %5 ms</source>
        <translation>%1 : pid %2%3, %4 tâche(s), prêt après %5 ms</translation>
    </message>
    <message>
        <source> tid %1</source>
        <translation> tid %1</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Wall (median)</source>
        <translation>Temps (médiane)</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>Accélération</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>Efficacité</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Workers (pid:tasks)</source>
        <translation>Processus de travail (pid:tâches)</translation>
    </message>
    <message>
        <source>Executor, chunksize and problem size of the point</source>
        <translation>Exécuteur, chunksize et taille du problème du point</translation>
    </message>
    <message>
        <source>p: the number of workers the tasks were shared among</source>
        <translation>p : le nombre de processus de travail entre lesquels les tâches ont été réparties</translation>
    </message>
    <message>
        <source>Wall-clock time from the first task submitted to the last result, median over the repeats (pool start-up not included)</source>
        <translation>Temps réel de la première tâche soumise au dernier résultat, médiane sur les répétitions (démarrage du pool non compris)</translation>
    </message>
    <message>
        <source>Fastest and slowest of the repeats</source>
        <translation>La plus rapide et la plus lente des répétitions</translation>
    </message>
    <message>
        <source>S(p) = T(1) / T(p). Ideal: S(p) = p</source>
        <translation>S(p) = T(1) / T(p). Idéal : S(p) = p</translation>
    </message>
    <message>
        <source>E(p) = S(p) / p. Ideal: 100 %</source>
        <translation>E(p) = S(p) / p. Idéal : 100 %</translation>
    </message>
    <message>
        <source>Time to start the workers until all reported ready (median)</source>
        <translation>Temps pour démarrer les processus de travail jusqu&apos;à ce que tous soient prêts (médiane)</translation>
    </message>
    <message>
        <source>Results compared with a serial computation done by the engine</source>
        <translation>Résultats comparés à un calcul séquentiel fait par le moteur</translation>
    </message>
    <message>
        <source>Real process ids of the workers of the median run, and how many tasks each one ran</source>
        <translation>Vrais identifiants des processus de travail de l&apos;exécution médiane, et combien de tâches chacun a exécutées</translation>
    </message>
</context>
<context>
    <name>proclab::TimelineView</name>
    <message>
        <source>&lt;br&gt;CPU %1 %, resident memory %2 MiB (read from /proc)</source>
        <translation>&lt;br&gt;CPU %1 %, mémoire résidente %2 Mio (lu dans /proc)</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>tâche %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en calcul</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>verrou %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <source>pipe %1</source>
        <translation>tube %1</translation>
    </message>
    <message>
        <source>wait #%1</source>
        <translation>attente #%1</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Aucune exécution</translation>
    </message>
    <message numerus="yes">
        <source>%n older slice(s) dropped (memory cap)</source>
        <translation>
            <numerusform>%n tranche ancienne supprimée (limite mémoire)</numerusform>
            <numerusform>%n tranches anciennes supprimées (limite mémoire)</numerusform>
        </translation>
    </message>
    <message>
        <source>exited</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>+%1 more processes</source>
        <translation>+%1 autres processus</translation>
    </message>
    <message>
        <source>: task %1 (chunk %2)</source>
        <translation> : tâche %1 (lot %2)</translation>
    </message>
    <message>
        <source> in task %1</source>
        <translation> dans la tâche %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;start %1, duration %2</source>
        <translation>&lt;br&gt;début %1, durée %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;holds lock %1 (from %2, for %3)</source>
        <translation>&lt;br&gt;tient le verrou %1 (depuis %2, pendant %3)</translation>
    </message>
</context>
</TS>
