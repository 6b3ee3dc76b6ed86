// `helm lint` and `helm template` for the deploy check, through helm-java (Helm's own Go code, built as a native
// library and shipped on Maven Central): no helm binary is published on the registries CI reaches. Run as a single-file
// program: java -cp <helm-java classpath> HelmCheck.java <chart> <out dir> <values.yaml>... [--must-fail <values.yaml> <text>]...
// Lints the chart, renders it once per values file into <out dir>/<values file name>, and exits 1 when linting fails,
// a render fails, or a --must-fail render succeeds or fails without saying <text>. Renders for Kubernetes KUBE_VERSION.
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class HelmCheck {
  public static void main(String[] args) throws Exception {
    Path chart = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    List<Path> render = new ArrayList<>();
    Map<Path, String> mustFail = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--must-fail")) mustFail.put(Path.of(args[++i]), args[++i]);
      else render.add(Path.of(args[i]));
    }
    System.out.println("helm " + Helm.version().call() + " (helm-java), rendering for Kubernetes " + KUBE_VERSION);
    Helm helm = new Helm(chart);
    boolean ok = true;

    LintResult lint = helm.lint().strict().call();
    lint.getMessages().forEach(message -> System.out.println("helm lint: " + message));
    if (lint.isFailed()) {
      System.out.println("FAIL helm lint " + chart);
      ok = false;
    } else {
      System.out.println("ok   helm lint --strict " + chart);
    }

    for (Path values : render) {
      try {
        String manifests = template(helm, values);
        Files.writeString(out.resolve(values.getFileName()), manifests);
        System.out.println("ok   helm template -f " + values);
      } catch (RuntimeException error) {
        System.out.println("FAIL helm template -f " + values + ": " + error.getMessage());
        ok = false;
      }
    }

    for (Map.Entry<Path, String> refusal : mustFail.entrySet()) {
      Path values = refusal.getKey();
      try {
        template(helm, values);
        System.out.println("FAIL helm template -f " + values + " rendered, but the chart must refuse it");
        ok = false;
      } catch (RuntimeException error) {
        String message = error.getMessage().strip().lines().findFirst().orElse("");
        boolean says = message.contains(refusal.getValue());
        System.out.println((says ? "ok   " : "FAIL ") + "helm template -f " + values + " refused: " + message);
        if (!says) ok = false;
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /** The Kubernetes version the chart is rendered for: the one whose schemas kubernetes-models 5.1 holds. */
  static final String KUBE_VERSION = "1.34.0";

  static String template(Helm helm, Path values) {
    return helm.template().withName("redrive").withNamespace("redrive").withKubeVersion(KUBE_VERSION).withValuesFile(values).call();
  }
}
