"""The quality gates as plain functions, so the real pages and the planted defects that prove
each gate can fail go through exactly the same check."""
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Observatory tests that can pass over plain HTTP (redirection and HSTS need TLS).
OBSERVATORY_TESTS = ["content-security-policy", "cookies", "cross-origin-resource-sharing", "referrer-policy",
                     "subresource-integrity", "x-content-type-options", "x-frame-options",
                     "cross-origin-resource-policy"]


def axe_violations(page):
    """Run axe-core in the page (with every <details> opened, so hidden menus are checked too).

    Injected with evaluate(), which the page's Content-Security-Policy does not block, so the
    page is checked exactly as visitors get it.
    """
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [(violation["id"], [node["target"] for node in violation["nodes"]][:3]) for violation in result["violations"]]


def vnu_errors(targets, css=False):
    """Nu HTML Checker errors for URLs or files (one JVM start for all of them)."""
    command = ["java", "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", str(VNU_JAR),
               "--stdout", "--format", "json", "--no-langdetect"]
    if css:
        command.append("--css")
    result = subprocess.run(command + [str(target) for target in targets], capture_output=True, text=True,
                            timeout=600)
    messages = json.loads(result.stdout)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m["type"] in ("error", "non-document-error")]


def observatory_failures(host_and_port):
    """MDN HTTP Observatory tests (of those that can pass over HTTP) that fail."""
    result = subprocess.run(["npx", "--no-install", "mdn-http-observatory-scan", host_and_port],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    report = json.loads(result.stdout)
    if "tests" not in report:
        raise AssertionError(f"the Observatory could not scan {host_and_port}: {report}")
    return {name: report["tests"][name]["result"] for name in OBSERVATORY_TESTS if not report["tests"][name]["pass"]}
