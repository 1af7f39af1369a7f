"""Makes kubeconform-ready schemas from the ones kubernetes-validate ships.

Its schemas refer to one shared "/api/_definitions.json", which kubeconform cannot resolve from a
local folder; each schema here gets the definitions it reaches copied in, as "#/$defs/...".
    python3 standalone-schemas.py SRC_DIR OUT_DIR
"""
import json
import os
import re
import sys

src, out = sys.argv[1], sys.argv[2]
REF = '/api/_definitions.json#'
defs = json.load(open(os.path.join(src, '_definitions.json')))['$defs']
text_defs = {k: json.dumps(v).replace(REF, '#') for k, v in defs.items()}
os.makedirs(out, exist_ok=True)
for name in os.listdir(src):
    if not name.endswith('.json') or name.startswith('_') or name == 'all.json':
        continue
    schema = json.loads(open(os.path.join(src, name)).read().replace(REF, '#'))
    schema.pop('$id', None)
    seen, todo = set(), re.findall(r'#/\$defs/([^"]+)', json.dumps(schema))
    while todo:
        d = todo.pop()
        if d in seen or d not in text_defs:
            continue
        seen.add(d)
        todo.extend(re.findall(r'#/\$defs/([^"]+)', text_defs[d]))
    schema['$defs'] = {d: json.loads(text_defs[d]) for d in sorted(seen)}
    with open(os.path.join(out, name), 'w') as f:
        json.dump(schema, f)
