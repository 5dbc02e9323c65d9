import logging
import os.path as osp

from mmengine.dataset import BaseDataset
from mmengine.logging import print_log

from .errors import DroppedClip, VideoDataError
from .skipped_clips import SkippedClips

ON_BAD_CLIP = ('raise', 'skip')
# files named in the error when no clip loads
MAX_NAMED = 3


class FileClipDataset(BaseDataset):
    """Base of the data sets whose clips are read from files: a clip that
    fails to load is, by ``on_bad_clip``, an error naming its file or
    skipped.

    - ``'raise'``: any loading error is re-raised as
      :class:`VideoDataError`, whose message names the file and the reason.
    - ``'skip'``: the clip is logged (file and reason, once per clip, at
      warning level), counted in ``self.skipped_clips``
      (:class:`SkippedClips`, shared with the DataLoader's worker
      processes) and :meth:`prepare_data` returns None, so that MMEngine's
      ``BaseDataset`` draws another clip (at most ``max_refetch`` times).
      ``BadClipReportHook`` reports the count and the files. For training
      only: at test time MMEngine cannot draw another clip, and a skipped
      clip would change the test set, so ``'skip'`` with
      ``test_mode=True`` is a ValueError.

    Either way, a :class:`DroppedClip` (a clip that a loading rule leaves
    out) is skipped and counted in training, and an error at test time.

    When every clip of the data set has been skipped, or ``max_refetch``
    draws in a row found none that loads, a :class:`VideoDataError` names
    the first files and their reasons.

    Subclasses name a clip for messages and reports (:meth:`clip_name`).

    Args:
        on_bad_clip (str): ``'raise'`` or ``'skip'``. Defaults to
            ``'raise'``.
        **kwargs: See :class:`mmengine.dataset.BaseDataset`.
    """

    def __init__(self, *args, on_bad_clip: str = 'raise', **kwargs):
        if on_bad_clip not in ON_BAD_CLIP:
            raise ValueError('on_bad_clip must be "raise" or "skip", got '
                             f'{on_bad_clip!r}')
        if on_bad_clip == 'skip' and kwargs.get('test_mode', False):
            raise ValueError(
                'on_bad_clip="skip" needs test_mode=False: at test time no '
                'other clip can be drawn in place of a bad one, and '
                'skipping one would change the test set')
        self.on_bad_clip = on_bad_clip
        # created here, before any DataLoader worker starts, to be shared
        self.skipped_clips = SkippedClips()
        super().__init__(*args, **kwargs)

    def clip_name(self, info: dict) -> str:
        """The clip's file (or a name that finds it) from its data info."""
        raise NotImplementedError

    def __getitem__(self, idx: int) -> dict:
        if self.test_mode:
            return super().__getitem__(idx)
        if not self._fully_initialized:
            self.full_init()
        for _ in range(self.max_refetch + 1):
            data = self.prepare_data(idx)
            if data is not None:
                return data
            if self.skipped_clips.num_clips >= len(self):
                raise VideoDataError(f'all {len(self)} clips failed to load: '
                                     f'{self._failures()}')
            idx = self._rand_another()
        raise VideoDataError(
            f'no loadable clip in {self.max_refetch + 1} draws '
            f'({self.skipped_clips.num_clips} of the {len(self)} clips '
            f'failed to load so far): {self._failures()}')

    def _failures(self) -> str:
        """The first clips that failed, with their reasons."""
        records = self.skipped_clips.records()
        shown = '; '.join(reason for _, reason in records[:MAX_NAMED])
        more = len(records) - MAX_NAMED
        return shown + (f'; ... and {more} more' if more > 0 else '')

    def prepare_data(self, idx: int):
        info = self.get_data_info(idx)
        try:
            return self.pipeline(info)
        except Exception as exc:
            if isinstance(exc, VideoDataError):
                error = exc
            else:
                error = self._wrap(info, exc)
            dropped = isinstance(exc, DroppedClip)
            if self.test_mode or not (dropped or self.on_bad_clip == 'skip'):
                if error is exc:
                    raise
                raise error from exc
            self._skip(idx, str(error), dropped)
            return None

    def _wrap(self, info: dict, exc: Exception) -> VideoDataError:
        name = self.clip_name(info)
        # e.g. OpenCV's reader of an empty video fails with a ValueError
        empty = osp.isfile(name) and osp.getsize(name) == 0
        return VideoDataError(f'{name}: {type(exc).__name__}: {exc}' +
                              (' (the file is empty)' if empty else ''))

    def _skip(self, idx: int, reason: str, dropped: bool) -> None:
        if not self.skipped_clips.add(idx, reason):
            return  # logged at its first skip
        if dropped:
            print_log(f'clip dropped: {reason}', logger='current')
        else:
            print_log(
                f'bad clip skipped, another is drawn: {reason}',
                logger='current',
                level=logging.WARNING)
