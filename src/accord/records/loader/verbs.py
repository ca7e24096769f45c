"""The organization's verbs (`verbs:`): what each action does to a document and to a
referral. A load that defines the organization (or says `verbs:`) makes its verbs
exactly those declared; none declared: Accord's default set."""

from __future__ import annotations

from accord.decisions import services as decisions
from accord.decisions.verbs import VerbSpec
from accord.records.loader.base import _LoaderBase


def spec_of(d: dict) -> VerbSpec:
    """A verb as the record file declares it."""
    return VerbSpec(
        d["id"],
        names=d.get("names", {}),
        status=d.get("status", ""),
        final=d.get("final", False),
        settles=d.get("settles", False),
        closes=d.get("closes", False),
        target=d.get("target", ""),
        target_required=d.get("target_required", False),
        reference=d.get("reference", False),
        reported=d.get("reported", False),
    )


class _Verbs(_LoaderBase):
    def load_verbs(self, files: list[tuple[str, dict]]) -> None:
        declaring = [
            name for name, d in files if d.get("verbs") is not None or len(d["organization"]) > 1
        ]
        if not declaring:
            return
        specs = [spec_of(e.data) for e in self.entries(files, "verbs")]
        with self.entry(declaring[0], ""):
            decisions.set_verbs(self.org, specs, self.tally)
