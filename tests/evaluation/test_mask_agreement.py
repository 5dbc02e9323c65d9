import math

import numpy as np
import pytest

from vosgan_mm.evaluation import MaskAgreement


def _square(top, size=8, side=4):
    mask = np.zeros((size, size), np.uint8)
    mask[top:top + side, :side] = 255
    return mask


def test_mask_agreement_shares_temporal_and_pair_iou():
    agreement = MaskAgreement()
    # 'still' keeps one 4x4 square; 'moving' slides it down 2 rows a frame
    for t in range(3):
        agreement.add(dict(still=_square(0), moving=_square(2 * t)))
    summary = agreement.summary()
    assert summary['num_frames'] == 3
    still, moving = (summary['segmentations'][k] for k in ('still', 'moving'))
    assert still['foreground_share'] == pytest.approx(16 / 64)
    assert still['temporal_iou'] == 1.0
    # consecutive squares overlap in 2 rows of 4: 8 / 24
    assert moving['temporal_iou'] == pytest.approx(8 / 24)
    # frames 0, 1, 2: IoU 1, 8/24, 0
    assert summary['iou']['moving vs still'] == pytest.approx(
        (1 + 8 / 24 + 0) / 3)


def test_mask_agreement_counts_both_empty_as_agreeing():
    agreement = MaskAgreement()
    empty = np.zeros((4, 4), np.uint8)
    agreement.add(dict(a=empty, b=empty))
    summary = agreement.summary()
    assert summary['iou']['a vs b'] == 1.0
    assert summary['segmentations']['a']['foreground_share'] == 0.0
    assert math.isnan(summary['segmentations']['a']['temporal_iou'])


def test_mask_agreement_refuses_a_frame_with_other_names():
    agreement = MaskAgreement()
    agreement.add(dict(a=_square(0), b=_square(0)))
    with pytest.raises(ValueError, match=r"frame 1: masks of \['a', 'c'\]"):
        agreement.add(dict(a=_square(0), c=_square(0)))
