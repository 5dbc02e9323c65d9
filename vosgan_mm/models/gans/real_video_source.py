from typing import Optional

from mmengine.model import BaseModel

from vosgan_mm.registry import DATASETS, MODELS
from vosgan_mm.utils.video_values import video_to_uint8


@MODELS.register_module()
class RealVideoSource(BaseModel):
    """Stands in for a generator in the generation metrics: it "generates"
    real clips of a second set, which gives Table 4's real-videos row.

    For the test clip of index ``i`` it returns clip ``i % len(dataset)`` of
    ``dataset``, which should hold other clips than the test set (see
    ``other_real_clips``). Its foreground maps are the clip's ``gt_masks``
    when the data set has them (the embedded sprites), else whole frames.

    Args:
        dataset (dict): Config of the second set of real clips.
    """

    def __init__(self,
                 dataset: dict,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)
        self.dataset = DATASETS.build(dataset)
        if len(self.dataset) == 0:
            raise ValueError('RealVideoSource: its data set is empty')

    def forward(self, inputs: dict, data_samples=None, mode: str = 'predict'):
        if mode != 'predict':
            raise ValueError('RealVideoSource only predicts')
        real = video_to_uint8(inputs['video']).cpu()
        outputs = []
        for i, sample in enumerate(data_samples):
            idx = int(sample.sample_idx)
            other = self.dataset[idx % len(self.dataset)]
            masks = other['data_samples'].get('gt_masks')
            outputs.append(
                dict(
                    sample_idx=idx,
                    fake_video=other['inputs']['video'],
                    real_video=real[i],
                    fg_map=None if masks is None else masks.float()))
        return outputs
