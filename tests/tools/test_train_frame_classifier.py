import json
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT
from vosgan_mm.datasets.photo_scenes import IMAGES
from vosgan_mm.datasets.sprite_frame_labels import SPRITE_FRAME_CLASS_NAMES
from vosgan_mm.models.classifiers import SmallImageClassifier


@pytest.mark.parametrize('benchmark_name,classes', [
    ('sprites', list(SPRITE_FRAME_CLASS_NAMES)),
    ('photo_scenes', list(IMAGES)),
])
def test_the_tool_trains_writes_weights_and_reports(tmp_path, benchmark_name,
                                                    classes):
    out, results = tmp_path / 'w.pth', tmp_path / 'r.json'
    subprocess.run([
        sys.executable, 'tools/train_frame_classifier.py', '--benchmark',
        benchmark_name, '--train-clips', '8', '--heldout-clips', '4',
        '--epochs', '1', '--out',
        str(out), '--results',
        str(results)
    ],
                   cwd=REPO_ROOT,
                   check=True,
                   capture_output=True)
    report = json.loads(results.read_text())
    assert report['benchmark'] == benchmark_name
    assert report['classes'] == classes
    assert report['heldout']['frames'] == 16
    assert report['train'] == dict(seed=30, clips=8, frames=32)
    assert 0 <= report['heldout_accuracy'] <= 100
    assert len(report['heldout_accuracy_per_class']) == len(classes)
    assert sum(report['heldout_class_shares']) == pytest.approx(1)
    # the weights load strictly into the network the configs name
    SmallImageClassifier(num_classes=len(classes), checkpoint=str(out))
    with pytest.raises(Exception, match='w.pth'):
        SmallImageClassifier(num_classes=10, checkpoint=str(out))


def test_the_tool_refuses_equal_seeds(tmp_path):
    run = subprocess.run([
        sys.executable, 'tools/train_frame_classifier.py', '--train-seed',
        '5', '--heldout-seed', '5'
    ],
                         cwd=REPO_ROOT,
                         capture_output=True,
                         text=True)
    assert run.returncode == 2
    assert 'must differ' in run.stderr
