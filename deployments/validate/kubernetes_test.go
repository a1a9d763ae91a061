package validate

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

const kustomizeDir = "../kubernetes"

// objects is the kustomize output, decoded into the official types.
type objects struct {
	namespaces  []corev1.Namespace
	deployments []appsv1.Deployment
	cronJobs    []batchv1.CronJob
	services    []corev1.Service
	ingresses   []networkingv1.Ingress
	pdbs        []policyv1.PodDisruptionBudget
	configMaps  []corev1.ConfigMap
	secrets     []corev1.Secret
	pvcs        []corev1.PersistentVolumeClaim
	accounts    []corev1.ServiceAccount
}

var (
	buildOnce   sync.Once
	built       objects
	buildErrors []string
)

// build runs kustomize on a copy of deployments/kubernetes in memory, with
// each secrets/*.example standing in for the real file it shows (those
// are not in git), and decodes every object strictly; once per run, each
// test that calls it failing with its errors.
func build(t *testing.T) objects {
	t.Helper()
	buildOnce.Do(func() {
		rec := &recorder{}
		built = buildOnceFor(rec)
		buildErrors = rec.errs
	})
	for _, e := range buildErrors {
		t.Error(e)
	}
	if len(buildErrors) > 0 {
		t.FailNow()
	}
	return built
}

// recorder collects the errors of the one build.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatal(a ...any)                 { panic(fatal(fmt.Sprint(a...))) }
func (r *recorder) Fatalf(format string, a ...any) { panic(fatal(fmt.Sprintf(format, a...))) }

type fatal string

func buildOnceFor(t *recorder) (o objects) {
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(fatal)
			if !ok {
				panic(r)
			}
			t.errs = append(t.errs, string(f))
		}
	}()
	mem := filesys.MakeFsInMemory()
	err := filepath.WalkDir(kustomizeDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(kustomizeDir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := mem.WriteFile(filepath.Join("/k", rel), data); err != nil {
			return err
		}
		if real, ok := strings.CutSuffix(rel, ".example"); ok {
			return mem.WriteFile(filepath.Join("/k", real), data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(mem, "/k")
	if err != nil {
		t.Fatalf("kustomize build: %v", err)
	}
	for _, r := range res.Resources() {
		raw, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		name := r.GetKind() + "/" + r.GetName()
		var dst any
		switch r.GetApiVersion() + " " + r.GetKind() {
		case "v1 Namespace":
			dst = appendNew(&o.namespaces)
		case "apps/v1 Deployment":
			dst = appendNew(&o.deployments)
		case "batch/v1 CronJob":
			dst = appendNew(&o.cronJobs)
		case "v1 Service":
			dst = appendNew(&o.services)
		case "networking.k8s.io/v1 Ingress":
			dst = appendNew(&o.ingresses)
		case "policy/v1 PodDisruptionBudget":
			dst = appendNew(&o.pdbs)
		case "v1 ConfigMap":
			dst = appendNew(&o.configMaps)
		case "v1 Secret":
			dst = appendNew(&o.secrets)
		case "v1 PersistentVolumeClaim":
			dst = appendNew(&o.pvcs)
		case "v1 ServiceAccount":
			dst = appendNew(&o.accounts)
		default:
			t.Errorf("%s: %s is a kind this test does not know; add it", name, r.GetApiVersion())
			continue
		}
		if err := decodeStrict(raw, dst); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	return o
}

func appendNew[T any](s *[]T) *T {
	*s = append(*s, *new(T))
	return &(*s)[len(*s)-1]
}

// decodeStrict fails on a field the type does not have (a misspelt or
// misplaced one) and on a field given twice.
func decodeStrict(raw []byte, dst any) error {
	return yaml.UnmarshalStrict(raw, dst)
}

func TestStrictDecodingCatchesAMisspeltField(t *testing.T) {
	bad := []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n          readinesProbe: {}\n")
	var d appsv1.Deployment
	if err := decodeStrict(bad, &d); err == nil || !strings.Contains(err.Error(), "readinesProbe") {
		t.Fatalf("a misspelt field decoded: %v", err)
	}
	twice := []byte("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  type: ClusterIP\n  type: NodePort\n")
	var s corev1.Service
	if err := decodeStrict(twice, &s); err == nil {
		t.Fatal("a field given twice decoded")
	}
}

func TestKustomizeBuildsAndEveryObjectDecodesStrictly(t *testing.T) {
	o := build(t)
	if len(o.deployments) != 2 || len(o.cronJobs) != 1 || len(o.services) != 1 || len(o.ingresses) != 1 || len(o.pdbs) != 1 {
		t.Fatalf("want 2 deployments, a backup CronJob, a Service, an Ingress and a PDB; got %d, %d, %d, %d, %d",
			len(o.deployments), len(o.cronJobs), len(o.services), len(o.ingresses), len(o.pdbs))
	}
	if len(o.namespaces) != 1 || o.namespaces[0].Labels["pod-security.kubernetes.io/enforce"] != "restricted" {
		t.Error("the namespace must enforce the restricted Pod Security Standard")
	}
}

func deployment(t *testing.T, o objects, component string) appsv1.Deployment {
	t.Helper()
	for _, d := range o.deployments {
		if d.Spec.Template.Labels["app.kubernetes.io/component"] == component {
			return d
		}
	}
	t.Fatalf("no Deployment of component %s", component)
	return appsv1.Deployment{}
}

// pods is every pod template of the output, by the name of its owner.
func pods(o objects) map[string]corev1.PodTemplateSpec {
	m := map[string]corev1.PodTemplateSpec{}
	for _, d := range o.deployments {
		m["Deployment/"+d.Name] = d.Spec.Template
	}
	for _, c := range o.cronJobs {
		m["CronJob/"+c.Name] = c.Spec.JobTemplate.Spec.Template
	}
	return m
}

// TestReviewerChecks are the checks a reviewer makes of every pod: not
// root, no privilege escalation, no capabilities, a read-only root
// filesystem, the runtime's seccomp profile, requests and limits, a
// pinned image, no service account token.
func TestReviewerChecks(t *testing.T) {
	o := build(t)
	for owner, p := range pods(o) {
		for _, problem := range review(owner, p) {
			t.Error(problem)
		}
	}
}

// TestReviewerChecksCatchWhatTheyCheck: a pod template that breaks each
// rule is caught on each.
func TestReviewerChecksCatchWhatTheyCheck(t *testing.T) {
	d := deployment(t, build(t), "api")
	p := d.Spec.Template.DeepCopy()
	p.Spec.SecurityContext.RunAsNonRoot = nil
	p.Spec.SecurityContext.SeccompProfile = nil
	c := &p.Spec.Containers[0]
	no, yes := false, true
	c.SecurityContext.ReadOnlyRootFilesystem = &no
	c.SecurityContext.AllowPrivilegeEscalation = &yes
	c.SecurityContext.Capabilities.Add = []corev1.Capability{"NET_ADMIN"}
	delete(c.Resources.Limits, corev1.ResourceMemory)
	c.Image = "registry.example.org/innomunich:latest"
	got := strings.Join(review("bad", *p), "\n")
	for _, want := range []string{"non-root user", "seccompProfile", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "capabilities", "memory needs a request and a limit", "never latest"} {
		if !strings.Contains(got, want) {
			t.Errorf("not caught: %s; the review says:\n%s", want, got)
		}
	}
}

// review lists what a reviewer would object to in a pod template: not
// running as non-root, privilege escalation, capabilities, a writable root
// filesystem, no seccomp profile, missing requests or limits, an image
// that is not pinned, a service account token nobody needs.
func review(owner string, p corev1.PodTemplateSpec) []string {
	var out []string
	fail := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	ps := p.Spec.SecurityContext
	if ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot || ps.RunAsUser == nil || *ps.RunAsUser == 0 {
		fail("%s: the pod must run as a non-root user (runAsNonRoot and a non-zero runAsUser)", owner)
	}
	if ps == nil || ps.SeccompProfile == nil || ps.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		fail("%s: the pod needs seccompProfile RuntimeDefault", owner)
	}
	if p.Spec.AutomountServiceAccountToken == nil || *p.Spec.AutomountServiceAccountToken {
		fail("%s: automountServiceAccountToken must be false: nothing here talks to the Kubernetes API", owner)
	}
	if p.Spec.HostNetwork || p.Spec.HostPID || p.Spec.HostIPC {
		fail("%s: no host namespaces", owner)
	}
	for _, c := range append(slices.Clone(p.Spec.InitContainers), p.Spec.Containers...) {
		where := owner + " container " + c.Name
		sc := c.SecurityContext
		if sc == nil {
			fail("%s: no securityContext", where)
			sc = &corev1.SecurityContext{}
		}
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			fail("%s: allowPrivilegeEscalation must be false", where)
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			fail("%s: readOnlyRootFilesystem must be true", where)
		}
		if sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
			fail("%s: runAsNonRoot must be true", where)
		}
		if sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(sc.Capabilities.Add) > 0 {
			fail("%s: capabilities must drop ALL and add none", where)
		}
		if sc.Privileged != nil && *sc.Privileged {
			fail("%s: privileged", where)
		}
		for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			req, okReq := c.Resources.Requests[r]
			lim, okLim := c.Resources.Limits[r]
			if !okReq || !okLim {
				fail("%s: %s needs a request and a limit", where, r)
			} else if req.Cmp(lim) > 0 {
				fail("%s: %s request %s is over its limit %s", where, r, req.String(), lim.String())
			}
		}
		if !pinned(c.Image) {
			fail("%s: image %q must name a registry and a version tag or digest, never latest", where, c.Image)
		}
		if c.ImagePullPolicy == corev1.PullAlways {
			fail("%s: a pinned image needs no imagePullPolicy Always", where)
		}
	}
	return out
}

var digest = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// pinned reports whether image names a registry path and a version tag
// other than latest, or a digest.
func pinned(image string) bool {
	name, sum, hasDigest := strings.Cut(image, "@")
	if hasDigest && !digest.MatchString(sum) {
		return false
	}
	slash := strings.LastIndex(name, "/")
	if slash < 0 {
		return false
	}
	repo, tag, hasTag := strings.Cut(name[slash+1:], ":")
	if repo == "" || hasTag && (tag == "" || tag == "latest") {
		return false
	}
	return hasTag || hasDigest
}

func TestPinned(t *testing.T) {
	for image, want := range map[string]bool{
		"registry.example.org/innomunich:v1.0.0":                            true,
		"registry.example.org:5000/a/b:1.2":                                 true,
		"registry.example.org/innomunich@sha256:" + strings.Repeat("a", 64): true,
		"registry.example.org/innomunich:latest":                            false,
		"registry.example.org/innomunich":                                   false,
		"innomunich":                                                        false,
	} {
		if pinned(image) != want {
			t.Errorf("pinned(%q) = %v", image, !want)
		}
	}
}

func TestAPIDeployment(t *testing.T) {
	o := build(t)
	d := deployment(t, o, "api")
	if d.Spec.Replicas == nil || *d.Spec.Replicas < 2 {
		t.Error("the API needs two or more replicas")
	}
	if ru := d.Spec.Strategy.RollingUpdate; ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 {
		t.Error("a rollout must not take a serving pod away before its successor is ready (maxUnavailable 0)")
	}
	if len(d.Spec.Template.Spec.Containers) != 1 {
		t.Fatal("one container")
	}
	c := d.Spec.Template.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("the API runs serve, got %v", c.Args)
	}
	if env(c, "INNOMUNICH_WORKERS") != "0" {
		t.Error("the API instances only queue jobs: INNOMUNICH_WORKERS=0")
	}
	keyFile := env(c, "INNOMUNICH_JWT_KEY_FILE")
	if keyFile == "" || !mounted(d.Spec.Template.Spec, c, keyFile, "innomunich-jwt") {
		t.Errorf("INNOMUNICH_JWT_KEY_FILE %q must lie in the mounted innomunich-jwt secret, the same on every instance", keyFile)
	}
	port := "http"
	if len(c.Ports) != 1 || c.Ports[0].Name != port || c.Ports[0].ContainerPort != 8080 {
		t.Errorf("the container serves port 8080 named http (INNOMUNICH_ADDR's default), got %+v", c.Ports)
	}
	for _, p := range []struct {
		name  string
		probe *corev1.Probe
		path  string
	}{{"readiness", c.ReadinessProbe, "/readyz"}, {"liveness", c.LivenessProbe, "/healthz"}, {"startup", c.StartupProbe, "/healthz"}} {
		if p.probe == nil || p.probe.HTTPGet == nil {
			t.Errorf("%s probe: want GET %s", p.name, p.path)
			continue
		}
		if p.probe.HTTPGet.Path != p.path || p.probe.HTTPGet.Port != intstr.FromString(port) {
			t.Errorf("%s probe: want GET %s on port %s, got %s on %s", p.name, p.path, port, p.probe.HTTPGet.Path, p.probe.HTTPGet.Port.String())
		}
	}
	// The paths the probes use are the server's (api/routes.go).
	routes := read(t, "../../api/routes.go")
	for _, path := range []string{"/readyz", "/healthz"} {
		if !strings.Contains(routes, `e.GET("`+path+`"`) {
			t.Errorf("api/routes.go has no route %s", path)
		}
	}
	grace := int64(30)
	if d.Spec.Template.Spec.TerminationGracePeriodSeconds == nil || *d.Spec.Template.Spec.TerminationGracePeriodSeconds <= grace {
		t.Errorf("terminationGracePeriodSeconds must exceed INNOMUNICH_SHUTDOWN_TIMEOUT (%ds)", grace)
	}
	// The migration runs first, relying on the advisory lock for pods
	// that start at once.
	inits := d.Spec.Template.Spec.InitContainers
	if len(inits) != 1 || !slices.Equal(inits[0].Args, []string{"migrate", "up"}) || inits[0].Image != c.Image {
		t.Errorf("want one init container running migrate up with the API's image, got %+v", inits)
	}
	if !strings.Contains(read(t, "../../pkg/database/migrate.go"), "lock.NewPostgresSessionLocker(") {
		t.Error("the init step relies on the migration's advisory lock, which pkg/database/migrate.go no longer takes")
	}
}

func TestWorkerDeployment(t *testing.T) {
	o := build(t)
	d := deployment(t, o, "worker")
	c := d.Spec.Template.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"worker"}) {
		t.Errorf("the worker runs `innomunich worker`, got %v", c.Args)
	}
	if w := env(c, "INNOMUNICH_WORKERS"); w == "" || w == "0" {
		t.Errorf("a worker needs INNOMUNICH_WORKERS > 0, got %q", w)
	}
	if !strings.Contains(read(t, "../../cmd/innomunich/main.go"), `case "worker":`) {
		t.Error("cmd/innomunich has no worker command")
	}
}

// TestServicePDBAndIngressSelectTheAPI checks the objects that name the API
// pods by label or name: a selector that matches nothing is a Service
// without endpoints, or a PDB that protects nothing.
func TestServicePDBAndIngressSelectTheAPI(t *testing.T) {
	o := build(t)
	api := deployment(t, o, "api")
	labels := api.Spec.Template.Labels
	svc := o.services[0]
	if len(svc.Spec.Selector) == 0 || !subset(svc.Spec.Selector, labels) {
		t.Errorf("Service %s selects %v, which the API pods (%v) do not all carry", svc.Name, svc.Spec.Selector, labels)
	}
	for _, p := range svc.Spec.Ports {
		if p.TargetPort.String() != "http" {
			t.Errorf("Service port %s targets %s, not the container's named port http", p.Name, p.TargetPort.String())
		}
	}
	if w := deployment(t, o, "worker"); subset(svc.Spec.Selector, w.Spec.Template.Labels) {
		t.Error("the Service selects the worker pods too")
	}
	pdb := o.pdbs[0]
	if pdb.Spec.Selector == nil || !subset(pdb.Spec.Selector.MatchLabels, labels) || len(pdb.Spec.Selector.MatchExpressions) > 0 {
		t.Errorf("the PodDisruptionBudget does not select the API pods")
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 || int32(pdb.Spec.MinAvailable.IntValue()) >= *api.Spec.Replicas {
		t.Errorf("the PDB's minAvailable must keep one pod and still let a drain take one: 1 ≤ minAvailable < replicas")
	}
	for _, rule := range o.ingresses[0].Spec.Rules {
		for _, p := range rule.HTTP.Paths {
			b := p.Backend.Service
			if b == nil || b.Name != svc.Name || b.Port.Name != svc.Spec.Ports[0].Name {
				t.Errorf("the Ingress path %s does not lead to Service %s port http", p.Path, svc.Name)
			}
		}
	}
}

// TestReferencesResolve: every ConfigMap, Secret, PVC and ServiceAccount a
// pod names is in the output (kustomize renames the generated ones with
// a hash suffix, in the references too).
func TestReferencesResolve(t *testing.T) {
	o := build(t)
	have := map[string]bool{}
	for _, c := range o.configMaps {
		have["ConfigMap/"+c.Name] = true
	}
	for _, s := range o.secrets {
		have["Secret/"+s.Name] = true
	}
	for _, p := range o.pvcs {
		have["PersistentVolumeClaim/"+p.Name] = true
	}
	for _, a := range o.accounts {
		have["ServiceAccount/"+a.Name] = true
	}
	for owner, p := range pods(o) {
		var refs []string
		refs = append(refs, "ServiceAccount/"+p.Spec.ServiceAccountName)
		for _, v := range p.Spec.Volumes {
			switch {
			case v.Secret != nil:
				refs = append(refs, "Secret/"+v.Secret.SecretName)
			case v.ConfigMap != nil:
				refs = append(refs, "ConfigMap/"+v.ConfigMap.Name)
			case v.PersistentVolumeClaim != nil:
				refs = append(refs, "PersistentVolumeClaim/"+v.PersistentVolumeClaim.ClaimName)
			}
		}
		for _, c := range append(slices.Clone(p.Spec.InitContainers), p.Spec.Containers...) {
			for _, e := range c.EnvFrom {
				if e.SecretRef != nil {
					refs = append(refs, "Secret/"+e.SecretRef.Name)
				}
				if e.ConfigMapRef != nil {
					refs = append(refs, "ConfigMap/"+e.ConfigMapRef.Name)
				}
			}
			for _, m := range c.VolumeMounts {
				if !slices.ContainsFunc(p.Spec.Volumes, func(v corev1.Volume) bool { return v.Name == m.Name }) {
					t.Errorf("%s container %s mounts volume %s, which the pod does not have", owner, c.Name, m.Name)
				}
			}
		}
		for _, r := range refs {
			if !have[r] {
				t.Errorf("%s names %s, which is not in the output", owner, r)
			}
		}
	}
}

// TestEnvironmentNamesAreTheServers: every INNOMUNICH_ variable the
// manifests set (in env, or as a key of a ConfigMap or Secret) is one
// pkg/config reads, so a misspelt setting is not silently ignored.
func TestEnvironmentNamesAreTheServers(t *testing.T) {
	o := build(t)
	known := configVariables(t)
	var names []string
	for _, p := range pods(o) {
		for _, c := range append(slices.Clone(p.Spec.InitContainers), p.Spec.Containers...) {
			for _, e := range c.Env {
				names = append(names, e.Name)
			}
		}
	}
	for _, c := range o.configMaps {
		for k := range c.Data {
			names = append(names, k)
		}
	}
	for _, s := range o.secrets {
		if s.Type == corev1.SecretTypeOpaque || s.Type == "" {
			for k := range s.Data {
				if !strings.Contains(k, ".") { // a file such as jwt-ed25519.pem, not a variable
					names = append(names, k)
				}
			}
		}
	}
	for _, n := range names {
		if !known[n] {
			t.Errorf("%s is set but the server does not read it (pkg/config, or GOMEMLIMIT and the OTEL_ variables)", n)
		}
	}
}

// configVariables is every variable pkg/config reads, plus those the Go
// runtime and OpenTelemetry read.
func configVariables(t *testing.T) map[string]bool {
	t.Helper()
	known := map[string]bool{"GOMEMLIMIT": true, "GOMAXPROCS": true}
	src := read(t, "../../pkg/config/config.go")
	for _, m := range regexp.MustCompile(`"((?:INNOMUNICH|OTEL)_[A-Z0-9_]+|DATABASE_URL)"`).FindAllStringSubmatch(src, -1) {
		known[m[1]] = true
	}
	if !known["DATABASE_URL"] || !known["INNOMUNICH_ADDR"] {
		t.Fatal("pkg/config/config.go no longer names DATABASE_URL and INNOMUNICH_ADDR as this test reads them")
	}
	return known
}

func TestBackupCronJob(t *testing.T) {
	o := build(t)
	cj := o.cronJobs[0]
	if cj.Spec.ConcurrencyPolicy != batchv1.ForbidConcurrent {
		t.Error("two backups must not run at once: concurrencyPolicy Forbid")
	}
	p := cj.Spec.JobTemplate.Spec.Template.Spec
	if p.RestartPolicy != corev1.RestartPolicyNever && p.RestartPolicy != corev1.RestartPolicyOnFailure {
		t.Errorf("restartPolicy %s", p.RestartPolicy)
	}
	script := strings.Join(append(slices.Clone(p.Containers[0].Command), p.Containers[0].Args...), " ")
	if !regexp.MustCompile(`innomunich backup --out "?/backup/`).MatchString(script) {
		t.Errorf("the CronJob must run innomunich backup --out /backup/…, runs %q", script)
	}
	if !mounted(p, p.Containers[0], "/backup/x", "innomunich-backup") {
		t.Error("/backup must be the innomunich-backup volume")
	}
}

func env(c corev1.Container, name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

// mounted reports whether path lies under a mount of the volume whose
// secret or claim starts with source (kustomize adds a hash suffix).
func mounted(p corev1.PodSpec, c corev1.Container, path, source string) bool {
	for _, m := range c.VolumeMounts {
		if !strings.HasPrefix(path, strings.TrimSuffix(m.MountPath, "/")+"/") {
			continue
		}
		for _, v := range p.Volumes {
			if v.Name != m.Name {
				continue
			}
			if v.Secret != nil && strings.HasPrefix(v.Secret.SecretName, source) ||
				v.PersistentVolumeClaim != nil && strings.HasPrefix(v.PersistentVolumeClaim.ClaimName, source) {
				return true
			}
		}
	}
	return false
}

func subset(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
