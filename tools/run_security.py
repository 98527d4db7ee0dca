"""`make security`: static analysis (bandit) and a dependency audit (pip-audit), honestly reported.

Exit status 1 when bandit finds an unreviewed issue of medium or high severity, or when pip-audit
finds a known vulnerability. When the vulnerability database cannot be reached (as on machines
without internet access), the audit is reported as NOT DONE, never as a pass.
"""

import json
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
APPS = ["portal", "guides", "partners", "search"]


def run(command):
    return subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True, check=False)


def bandit():
    result = run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-q",
            "-r",
            *APPS,
            "-x",
            ",".join(f"{a}/migrations" for a in APPS),
            "-f",
            "json",
        ]
    )
    report = json.loads(result.stdout or "{}")
    findings = report.get("results", [])
    totals = report.get("metrics", {}).get("_totals", {})
    print(f"bandit: scanned {totals.get('loc', 0)} lines of {', '.join(APPS)}")
    for finding in findings:
        print(
            f"  {finding['issue_severity']:<6} {finding['test_id']} {finding['filename']}:{finding['line_number']} "
            f"{finding['issue_text']}"
        )
    serious = [f for f in findings if f["issue_severity"] in {"MEDIUM", "HIGH"}]
    skipped = totals.get("nosec", 0) + totals.get("skipped_tests", 0)
    print(
        f"bandit: {len(findings)} findings, {len(serious)} of medium or high severity, {skipped} reviewed (# nosec)"
    )
    return not serious


def dependency_audit():
    result = run([sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "-f", "json"])
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print("dependency audit: NOT DONE - pip-audit gave no report:")
        print("  " + (result.stderr.strip().splitlines() or ["(no output)"])[-1])
        return True
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    if not audited:
        print(
            f"dependency audit: NOT DONE - none of the {len(dependencies)} installed packages could be "
            "audited (the vulnerability database is not reachable from this machine). This is not a pass."
        )
        if skipped:
            print(f"  pip-audit said, e.g.: {skipped[0]['skip_reason']}")
        return True
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(
                f"  VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fixed})"
            )
    print(
        f"dependency audit: {len(audited)} packages audited, {len(skipped)} could not be audited, "
        f"{len(vulnerable)} with known vulnerabilities"
    )
    return not vulnerable


if __name__ == "__main__":
    ok = bandit()
    ok = dependency_audit() and ok
    sys.exit(0 if ok else 1)
