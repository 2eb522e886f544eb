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
        <source>&lt;p&gt;There are three ways to start a child. &lt;b&gt;spawn&lt;/b&gt; runs a fresh interpreter that imports your program (the default on Windows and macOS). &lt;b&gt;fork&lt;/b&gt; copies the parent as it is, memory and all (Unix only). &lt;b&gt;forkserver&lt;/b&gt; starts one clean server process early, and each new child is forked from that server.&lt;/p&gt;&lt;p&gt;Forking is quick, but copying a parent that runs threads is unsafe: a lock held by another thread at that instant stays locked forever in the copy. ProcLab&apos;s engine runs threads, so it offers spawn and forkserver, as Python now recommends.&lt;/p&gt;&lt;p&gt;Choose one with &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; or &lt;code&gt;set_start_method()&lt;/code&gt; under the &lt;code&gt;__main__&lt;/code&gt; guard.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Il y a trois façons de lancer un enfant. &lt;b&gt;spawn&lt;/b&gt; exécute un interpréteur neuf qui importe votre programme (la méthode par défaut sous Windows et macOS). &lt;b&gt;fork&lt;/b&gt; copie le parent tel quel, mémoire comprise (Unix seulement). &lt;b&gt;forkserver&lt;/b&gt; démarre tôt un processus serveur propre, et chaque nouvel enfant est obtenu par fork de ce serveur.&lt;/p&gt;&lt;p&gt;Le fork est rapide, mais copier un parent qui exécute des threads est dangereux : un verrou tenu à cet instant par un autre thread reste verrouillé pour toujours dans la copie. Le moteur de ProcLab utilise des threads ; il propose donc spawn et forkserver, comme Python le recommande désormais.&lt;/p&gt;&lt;p&gt;On choisit avec &lt;code&gt;multiprocessing.get_context(&apos;spawn&apos;)&lt;/code&gt; ou &lt;code&gt;set_start_method()&lt;/code&gt;, sous la garde &lt;code&gt;__main__&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>forkserver gets workers ready faster than spawn.</source>
        <translation>forkserver prépare les processus plus vite que spawn.</translation>
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
</context>
<context>
    <name>proclab::MainWindow</name>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Leçon %1 : %2</translation>
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
</context>
</TS>
