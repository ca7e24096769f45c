"""The organization's verbs (`verbs:`): what each action does to a document and to a
referral. A load whose files say `verbs:` makes the organization's verbs exactly those
declared there (`verbs: []`: Accord's default set again); a load that says nothing of
them leaves them as they are."""

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
        status_names=d.get("status_names", {}),
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
        declaring = [name for name, d in files if d.get("verbs") is not None]
        if not declaring:
            return
        specs = [spec_of(e.data) for e in self.entries(files, "verbs")]
        with self.entry(declaring[0], ""):
            decisions.set_verbs(self.org, specs, self.tally)
