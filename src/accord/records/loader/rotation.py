"""A post that rotates among parties by turn (`posts[].rotation`): the order of the
turns and their length. A post whose entry says no `rotation` does not rotate."""

from __future__ import annotations

from accord.core.errors import DomainError
from accord.core.persist import prune
from accord.records.loader.base import _LoaderBase
from accord.registry import services as registry
from accord.registry.inputs import PostRotationFields
from accord.registry.models import Post, PostRotation


class _PostRotation(_LoaderBase):
    def load_post_rotation(self, post: Post, d: dict | None) -> None:
        if d is None:
            prune(PostRotation.objects.filter(post=post), [], self.tally)
            return
        try:
            for i, code in enumerate(d.get("sequence", [])):
                self.party(code, f"sequence[{i}]")
            registry.save_post_rotation(
                post,
                PostRotationFields(
                    order=d["order"],
                    language=d.get("language", ""),
                    sequence=d.get("sequence", []),
                    term_years=d.get("term_years"),
                ),
                self.tally,
            )
        except DomainError as exc:
            raise exc.under("rotation") from None
