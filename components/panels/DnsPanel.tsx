'use client';

import { useId, useState, type FormEvent } from 'react';
import type { DnsAnswer } from '@/lib/analysis/dns/resolve-dns';
import { qualifiedName } from '@/lib/model/names';
import { Badge, ErrorMessage, Loading, SectionTitle, UnknownBox, type Tone } from './panel-ui';
import { FormButtons, QueryPanel, SelectField, TextField, useEngineAnswer } from './query-form';

const KINDS: Record<NonNullable<DnsAnswer['kind']>, string> = {
  'service-clusterip': 'Service cluster IP',
  'service-headless': 'headless Service (one record per endpoint)',
  'service-externalname': 'ExternalName Service',
  'pod-hostname': 'pod of a headless Service, by hostname',
  'pod-ip': 'pod, by dashed IP',
};

const TYPES: Record<DnsAnswer['type'], { icon: string; tone: Tone }> = {
  A: { icon: '✓', tone: 'good' },
  AAAA: { icon: '✓', tone: 'good' },
  CNAME: { icon: '↪', tone: 'mixed' },
  NXDOMAIN: { icon: '✕', tone: 'bad' },
};

interface DnsQuery {
  name: string;
  namespace: string;
}

/** What a pod's resolver answers for a name, from a namespace (GET /api/dns). */
export function DnsPanel({ context, namespaces }: { context: string; namespaces: string[] }) {
  const id = useId();
  const [name, setName] = useState('');
  const [namespace, setNamespace] = useState(() => (namespaces.includes('default') || namespaces.length === 0 ? 'default' : namespaces[0]!));
  const [submitted, setSubmitted] = useState<DnsQuery | undefined>();
  // The chosen namespace stays offered even when it is gone from the model (or the list is still empty).
  const offered = namespaces.includes(namespace) ? namespaces : [namespace, ...namespaces];

  const { query, result: answer } = useEngineAnswer<DnsAnswer>('/api/dns', submitted && { context, ...submitted });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = { name: name.trim(), namespace };
    // Resolving the same name again asks the current model again.
    if (submitted && submitted.name === next.name && submitted.namespace === next.namespace) void query.refetch();
    else setSubmitted(next);
  };

  return (
    <QueryPanel
      id={id}
      title="Resolve a DNS name"
      testId="dns-panel"
      onSubmit={onSubmit}
      form={
        <>
          <TextField label="Name" name="name" value={name} onChange={setName} placeholder="api, api.shop, api.shop.svc.cluster.local" />
          <SelectField label="As seen from a pod in namespace" name="namespace" value={namespace} options={offered} onChange={setNamespace} />
          <FormButtons label="Resolve" busy={query.isFetching} />
        </>
      }
    >
      {submitted && query.isFetching && <Loading>Resolving…</Loading>}
      {submitted && query.error && <ErrorMessage error={query.error} />}
      {submitted && answer && <Answer asked={submitted} answer={answer} />}
    </QueryPanel>
  );
}

function Answer({ asked, answer }: { asked: DnsQuery; answer: DnsAnswer }) {
  const pods = answer.pods ?? [];
  return (
    <div data-testid="dns-answer" data-type={answer.type} data-unknown={answer.unknown ? 'true' : undefined} className="flex flex-col gap-2 text-xs">
      <div className="flex flex-wrap items-center gap-2">
        {answer.unknown ? (
          // The type carries no meaning then: only the reason does.
          <Badge icon="?" word="unknown" tone="unknown" data-testid="dns-type" />
        ) : (
          <Badge icon={TYPES[answer.type].icon} word={answer.type} tone={TYPES[answer.type].tone} data-testid="dns-type" />
        )}
        <span className="font-mono break-all" data-testid="dns-name">
          {answer.name}
        </span>
      </div>
      <p className="text-slate-500">
        {asked.name} from a pod in namespace {asked.namespace}
      </p>
      {answer.unknown && <UnknownBox title="Unknown because" items={[answer.unknown]} />}
      {!answer.unknown && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2">
          <dt className="text-slate-500">Records</dt>
          <dd className="font-mono break-all" data-testid="dns-records">
            {answer.records.length > 0 ? answer.records.join(', ') : '(none)'}
          </dd>
          {answer.kind && (
            <>
              <dt className="text-slate-500">Kind</dt>
              <dd data-kind={answer.kind}>{KINDS[answer.kind] ?? answer.kind}</dd>
            </>
          )}
          {answer.service && (
            <>
              <dt className="text-slate-500">Service</dt>
              <dd className="font-mono break-all">{qualifiedName(answer.service)}</dd>
            </>
          )}
          {pods.length > 0 && (
            <>
              <dt className="text-slate-500">Pods</dt>
              <dd className="font-mono break-all">{pods.map(qualifiedName).join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      {answer.tried.length > 0 && (
        <div>
          <SectionTitle>Tried, in order</SectionTitle>
          <ol className="list-decimal pl-5 font-mono break-all" data-testid="dns-tried">
            {answer.tried.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ol>
        </div>
      )}
      {answer.reasons.length > 0 && (
        <div>
          <SectionTitle>Reasons</SectionTitle>
          <ul className="list-disc pl-5">
            {answer.reasons.map((reason, i) => (
              <li key={i} className="break-words">
                {reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
