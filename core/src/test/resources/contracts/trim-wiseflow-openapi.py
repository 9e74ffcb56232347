# Writes wiseflow-openapi-trimmed.yaml from the published OpenAPI: run from the repository root,
# python3 src/test/resources/contracts/trim-wiseflow-openapi.py [published.yaml] (needs PyYAML).
import sys, yaml
src=sys.argv[1] if len(sys.argv) > 1 else '../shared/partners/wiseflow-openapi-1.34.0.yaml'
d=yaml.safe_load(open(src))
USED={'/oauth2/token':['post'],'/sources/search':['post'],'/flow/{flowId}':['get'],
 '/flows/{flowId}/participants':['get'],'/flow/{flowId}/reassessment':['post'],
 '/flow/{flowId}/explanation/request':['post'],
 '/flow/{flowId}/explanation/request/{explanationRequestId}':['get','patch']}
PROSE={'description','summary','example','examples','tags','x-codegen-request-body-name','operationId'}
def strip(x, in_props=False, in_response=False):
    if isinstance(x,dict):
        out={}
        for k,v in x.items():
            if not in_props and k in PROSE:
                # a Response Object must have a description (OpenAPI 3.0): kept, it is one line
                if not (in_response and k=='description'):
                    continue
            out[k]=strip(v, in_props=(k=='properties' and not in_props), in_response=False)
        return out
    if isinstance(x,list):
        return [strip(i) for i in x]
    return x
def strip_op(op):
    out={}
    for k,v in op.items():
        if k=='responses':
            out[k]={code:{kk:(vv if kk=='description' else strip(vv)) for kk,vv in r.items()} for code,r in v.items()}
        elif k in PROSE:
            continue
        else:
            out[k]=strip(v)
    return out
paths={}
for p,ms in USED.items():
    paths[p]={m:strip_op(d['paths'][p][m]) for m in ms}
refs=set()
def collect(x):
    if isinstance(x,dict):
        for k,v in x.items():
            if k=='$ref' and isinstance(v,str):
                n=v.split('/')[-1]
                if n not in refs:
                    refs.add(n); collect(d['components']['schemas'][n])
            else: collect(v)
    elif isinstance(x,list):
        for i in x: collect(i)
collect(paths)
schemas={n:strip(d['components']['schemas'][n]) for n in sorted(refs)}
out={'openapi':d['openapi'],'info':{'title':d['info']['title'],'version':d['info']['version']},
 'servers':[{'url':s['url'], **({'variables':{k:{kk:vv for kk,vv in v.items() if kk!='description'} for k,v in s['variables'].items()}} if 'variables' in s else {})} for s in d['servers']],
 'security':d['security'],'paths':paths,
 'components':{'schemas':schemas,'securitySchemes':strip(d['components']['securitySchemes'])}}
out['components']['securitySchemes']['oauth']['flows']['clientCredentials']['scopes']={}
hdr="""# WISEflow's published OpenAPI 1.34.0 (../shared/partners/wiseflow-openapi-1.34.0.yaml), trimmed to
# what Examhub uses: these paths and methods, their parameters, the schemas they reference and the
# security schemes, copied as published without the prose (descriptions, examples, tags; a
# response's one-line description stays, OpenAPI requires it). WiseflowContractTest checks that
# this agrees with the published file, then validates every request Examhub's WISEflow client sends
# and every answer the WISEflow simulator gives against it. Regenerate it with
# trim-wiseflow-openapi.py (beside it) rather than edit it by hand.
# One addition: `scopes: {}` on the oauth scheme's clientCredentials flow. OpenAPI 3.0 requires it
# and the published file lacks it (no parser loads the file without it); WISEflow names no scopes.
"""
open('src/test/resources/contracts/wiseflow-openapi-trimmed.yaml','w').write(hdr+yaml.safe_dump(out,sort_keys=False,width=120,allow_unicode=True))

