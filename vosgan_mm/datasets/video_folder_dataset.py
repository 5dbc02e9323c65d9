import os
import os.path as osp
from typing import List, Optional, Sequence

from vosgan_mm.registry import DATASETS
from .output_files import STAGING_PREFIX
from .video_clip_dataset import VideoClipDataset

VIDEO_EXTENSIONS = ('.mp4', '.avi', '.mov', '.mkv', '.webm', '.m4v', '.mpg',
                    '.mpeg')


def _path_of(line: str) -> str:
    """The path of an annotation line ``path [label]`` (paths may hold
    spaces; a trailing integer is a label)."""
    fields = line.strip().rsplit(maxsplit=1)
    if len(fields) == 2 and fields[1].lstrip('-').isdigit():
        return fields[0]
    return line.strip()


@DATASETS.register_module()
class VideoFolderDataset(VideoClipDataset):
    """Ordinary video files, for training on one's own videos.

    The videos are those listed in ``ann_file`` (one path per line, relative
    to the video folder; anything after the path, such as a class label, is
    ignored) or, without ``ann_file``, every file under the video folder
    with a video extension, in sorted order. Decoding and clip sampling are
    MMAction2's transforms (``OpenCVInit``, ``SampleFrames``,
    ``OpenCVDecode``...).

    Args:
        data_root (str): Folder of the videos.
        ann_file (str, optional): Annotation list. Defaults to None.
        data_prefix (dict): ``video``: sub-folder of the videos.
        extensions (Sequence[str]): Extensions found by the scan.
        pipeline (list): Transforms.
        **kwargs: ``on_bad_clip`` (an unreadable or too short video is an
            error naming the file, or skipped: see
            :class:`FileClipDataset`) and the arguments of
            :class:`mmengine.dataset.BaseDataset`.
    """

    def __init__(self,
                 data_root: str,
                 ann_file: Optional[str] = None,
                 data_prefix: dict = dict(video=''),
                 extensions: Sequence[str] = VIDEO_EXTENSIONS,
                 pipeline: List = (),
                 **kwargs):
        self._check_exists(data_root, 'video folder')
        self.extensions = tuple(e.lower() for e in extensions)
        super().__init__(
            ann_file=ann_file or '',
            data_root=data_root,
            data_prefix=data_prefix,
            pipeline=list(pipeline),
            **kwargs)

    def _relative_paths(self, video_root: str) -> List[str]:
        if self.ann_file:
            self._check_exists(self.ann_file, 'video annotation file')
            with open(self.ann_file) as f:
                return [
                    _path_of(line) for line in f
                    if line.strip() and not line.startswith('#')
                ]
        paths = []
        for folder, subfolders, files in os.walk(video_root):
            # a tool's unfinished output (a run killed while writing)
            subfolders[:] = [
                name for name in subfolders
                if not name.startswith(STAGING_PREFIX)
            ]
            paths += [
                osp.relpath(osp.join(folder, name), video_root)
                for name in files
                if osp.splitext(name)[1].lower() in self.extensions
            ]
        return sorted(paths)

    def load_data_list(self) -> List[dict]:
        video_root = self.data_prefix.get('video') or self.data_root
        rel_paths = self._relative_paths(video_root)
        if not rel_paths:
            source = self.ann_file or video_root
            raise ValueError(f'no video found in {source} (extensions: '
                             f'{", ".join(self.extensions)})')
        # modality: MMAction2's transforms (Flip, ...) read it, as its own
        # data sets set it
        return [
            dict(
                filename=osp.join(video_root, p),
                clip_id=p,
                start_index=0,
                modality='RGB') for p in rel_paths
        ]
