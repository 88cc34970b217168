{{/* The release's full name: "<release>-kube-netmap", or the release name when it already says kube-netmap. */}}
{{- define "kube-netmap.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kube-netmap.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kube-netmap.labels" -}}
{{ include "kube-netmap.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "kube-netmap.serviceAccountName" -}}
{{- default (include "kube-netmap.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/*
The API server as the dashboard's pod reaches it, as a YAML object {cidrs: [...], ports: [...]}: the values when
given, else the `kubernetes` EndpointSlice of `default` (what the Service's ClusterIP translates to, which is what
NetworkPolicy implementations see). `helm template` has no cluster to look it up in, and stops with what to set.
*/}}
{{- define "kube-netmap.apiServer" -}}
{{- $cidrs := .Values.networkPolicy.apiServer.cidrs -}}
{{- $ports := .Values.networkPolicy.apiServer.ports -}}
{{- if or (not $cidrs) (not $ports) -}}
{{- $slice := lookup "discovery.k8s.io/v1" "EndpointSlice" "default" "kubernetes" -}}
{{- if not $cidrs -}}
{{- $found := list -}}
{{- range $slice.endpoints | default list -}}
{{- range .addresses -}}
{{- $found = append $found (ternary (printf "%s/128" .) (printf "%s/32" .) (contains ":" .)) -}}
{{- end -}}
{{- end -}}
{{- $cidrs = $found -}}
{{- end -}}
{{- if not $ports -}}
{{- $found := list -}}
{{- range $slice.ports | default list -}}
{{- $found = append $found .port -}}
{{- end -}}
{{- $ports = $found -}}
{{- end -}}
{{- end -}}
{{- if or (not $cidrs) (not $ports) -}}
{{- fail "networkPolicy.apiServer: the API server's addresses could not be looked up (helm template and client-side dry runs have no cluster). Set networkPolicy.apiServer.cidrs and .ports from `kubectl get endpointslice kubernetes -n default` (e.g. --set 'networkPolicy.apiServer.cidrs={10.0.0.10/32}' --set 'networkPolicy.apiServer.ports={6443}'), or networkPolicy.enabled=false." -}}
{{- end -}}
{{- dict "cidrs" $cidrs "ports" $ports | toYaml -}}
{{- end -}}

{{/* The Host names the dashboard answers to besides the loopback names: allowedHosts, the Ingress's, the HTTPRoute's. */}}
{{- define "kube-netmap.allowedHosts" -}}
{{- $hosts := concat .Values.allowedHosts (ternary (list .Values.ingress.host) list .Values.ingress.enabled) (ternary .Values.httpRoute.hostnames list .Values.httpRoute.enabled) -}}
{{- join "," (uniq (compact $hosts)) -}}
{{- end -}}

{{/* Serving anyone but kubectl port-forward needs token sign-in: without it the dashboard answers loopback only. */}}
{{- define "kube-netmap.requireTokenSignIn" -}}
{{- if not .Values.auth.token.enabled -}}
{{- fail (printf "%s needs auth.token.enabled=true: without sign-in the dashboard answers only kubectl port-forward (its pod's loopback), and would refuse every request the %s forwards." .setting .what) -}}
{{- end -}}
{{- end -}}
