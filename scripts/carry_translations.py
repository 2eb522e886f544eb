#!/usr/bin/env python3
"""Carry translations over when strings move to another class (and so to another translation context).

    scripts/carry_translations.py OLD.ts NEW.ts [FROM_CONTEXT ...]

OLD.ts is the file as it was before the move (git show HEAD:resources/translations/proclab_fr.ts > /tmp/old.ts),
NEW.ts the file update_translations wrote after it: the moved strings sit in their new contexts as unfinished
entries, their old ones are gone (lupdate runs with -no-obsolete). Every unfinished entry of NEW.ts whose source
text (and comment) had a translation in OLD.ts gets that translation, taken first from the FROM_CONTEXTs in the order
given, then from any context. NEW.ts is rewritten in place (run update_translations again to normalise it); the
entries left unfinished are listed, and the exit code is 1 if there are any.
"""

import re
import sys

MESSAGE = re.compile(r'(<message(?: [^>]*)?>)(.*?)(</message>)', re.S)
CONTEXT = re.compile(r'<context>\s*<name>(.*?)</name>(.*?)</context>', re.S)
TRANSLATION = re.compile(r'<translation(?: [^>]*)?>.*?</translation>|<translation(?: [^>]*)?/>', re.S)


def key(body):
    source = re.search(r'<source>(.*?)</source>', body, re.S).group(1)
    comment = re.search(r'<comment>(.*?)</comment>', body, re.S)
    return source, comment.group(1) if comment else None


def main():
    old_path, new_path, preferred = sys.argv[1], sys.argv[2], sys.argv[3:]
    old = open(old_path, encoding='utf-8').read()
    known = {}  # key -> {context: raw <translation> element}
    for ctx, body in CONTEXT.findall(old):
        for _, message, _ in MESSAGE.findall(body):
            t = TRANSLATION.search(message).group(0)
            if 'type="unfinished"' not in t and 'type="vanished"' not in t and 'type="obsolete"' not in t:
                known.setdefault(key(message), {})[ctx] = t

    missing = []
    carried = 0

    def fill_context(m):
        nonlocal carried
        ctx, body = m.group(1), m.group(2)

        def fill(mm):
            nonlocal carried
            head, message, tail = mm.groups()
            t = TRANSLATION.search(message).group(0)
            if 'type="unfinished"' not in t:
                return mm.group(0)
            k = key(message)
            choices = known.get(k, {})
            pick = next((choices[c] for c in preferred if c in choices), None) or next(iter(choices.values()), None)
            if pick is None:
                missing.append((ctx, k[0]))
                return mm.group(0)
            carried += 1
            return head + message.replace(t, pick) + tail

        return m.group(0).replace(body, MESSAGE.sub(fill, body))

    new = CONTEXT.sub(fill_context, open(new_path, encoding='utf-8').read())
    open(new_path, 'w', encoding='utf-8').write(new)
    print(f'{new_path}: {carried} translations carried over, {len(missing)} left unfinished')
    for ctx, source in missing:
        print(f'  {ctx}: {source}')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
