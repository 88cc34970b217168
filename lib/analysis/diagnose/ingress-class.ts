// Which controller serves an Ingress (networking/v1 IngressSpec.ingressClassName, IngressClass, the
// ingressclass.kubernetes.io/is-default-class annotation, and the deprecated kubernetes.io/ingress.class annotation).

import { finding, listText, objectOf, typoOf } from './helpers';
import type { Check, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const CLASS_MISSING = 'ingress-class-missing';
const CLASS_UNKNOWN = 'ingress-class-unknown';

export const ingressClassMissing: Check = {
  check: CLASS_MISSING,
  needs: ['ingresses', 'ingressclasses'],
  run({ model }) {
    const defaults = model.resources.ingressclasses.filter((c) => c.isDefault).map((c) => c.meta.name).sort(byCodeUnits);
    // Exactly one default class: the admission controller gives it to an Ingress created without a class.
    if (defaults.length === 1) return [];
    const names = model.resources.ingressclasses.map((c) => c.meta.name).sort(byCodeUnits);
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      if (ingress.ingressClassName || ingress.classAnnotation) continue;
      const why =
        defaults.length > 1
          ? `several IngressClasses are marked default (${defaults.join(', ')}), so none is`
          : names.length > 0
            ? `no IngressClass is marked default (IngressClasses: ${listText(names, 6)})`
            : 'there are no IngressClasses';
      findings.push(
        finding(CLASS_MISSING, 'warning', [objectOf('Ingress', ingress)], {
          message:
            `Ingress ${qualifiedName(ingress)} names no IngressClass (no spec.ingressClassName, no kubernetes.io/ingress.class annotation) ` +
            `and ${why}: whether any controller serves it depends on the controller's own settings.`,
          hint:
            `Set spec.ingressClassName${names.length > 0 ? ` (to ${listText(names.map((n) => `"${n}"`), 6, 'or')})` : ''}, ` +
            'or mark exactly one IngressClass default with the annotation ingressclass.kubernetes.io/is-default-class: "true".',
        }),
      );
    }
    return findings;
  },
};

export const ingressClassUnknown: Check = {
  check: CLASS_UNKNOWN,
  needs: ['ingresses', 'ingressclasses'],
  run({ model }) {
    const names = model.resources.ingressclasses.map((c) => c.meta.name).sort(byCodeUnits);
    const known = new Set(names);
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      const fromField = ingress.ingressClassName !== undefined && ingress.ingressClassName !== '';
      const name = fromField ? ingress.ingressClassName : ingress.classAnnotation;
      if (name === undefined || name === '' || known.has(name)) continue;
      const guess = typoOf(name, names) ?? (names.length === 1 ? names[0] : undefined);
      const classes = names.length > 0 ? `IngressClasses: ${listText(names, 6)}` : 'there are no IngressClasses';
      findings.push(
        fromField
          ? finding(CLASS_UNKNOWN, 'error', [objectOf('Ingress', ingress)], {
              message:
                `Ingress ${qualifiedName(ingress)} names IngressClass "${name}" (spec.ingressClassName), which does not exist (${classes}), ` +
                'so no controller serves it.',
              hint: `${guess ? `Did you mean "${guess}"? ` : ''}Fix spec.ingressClassName, or create the IngressClass for the controller that should serve it.`,
            })
          : finding(CLASS_UNKNOWN, 'warning', [objectOf('Ingress', ingress)], {
              message:
                `Ingress ${qualifiedName(ingress)} names class "${name}" with the deprecated kubernetes.io/ingress.class annotation, and no ` +
                `IngressClass of that name exists (${classes}). Controllers match the annotation against their own configured ` +
                'class name, so it may still be served, but a controller that goes by IngressClasses ignores it.',
              hint:
                `Replace the annotation with spec.ingressClassName${guess ? ` (did you mean "${guess}"?)` : ''}, naming an ` +
                'existing IngressClass, or create the IngressClass.',
            }),
      );
    }
    return findings;
  },
};
