"""tools/analysis_tools/generation_table.py: the FID column and what the
note says of each metric's classifier."""
from tests.conftest import load_tool
from vosgan_mm.utils import read_config

table_tool = load_tool('tools/analysis_tools/generation_table.py')

ROW = dict(name='VOS-GAN', FCD=1.5, MC=0.25, IS=3.0, IS_mean=3.0, IS_std=0.1)


def test_the_table_has_an_fid_column_only_where_fid_was_measured():
    without = table_tool.generation_table([ROW]).splitlines()
    assert 'FID' not in without[0]
    assert without[2] == '| VOS-GAN | 1.5 | 0.25 | 3 | 3 ± 0.1 |'
    rows = [dict(ROW, FID=12.5), dict(ROW, name='real videos')]
    lines = table_tool.generation_table(rows).splitlines()
    assert lines[0].endswith('| IS over 10 splits | FID (lower is better) |')
    assert lines[1] == '|---|---|---|---|---|---|'
    assert lines[2] == '| VOS-GAN | 1.5 | 0.25 | 3 | 3 ± 0.1 | 12.5 |'
    assert lines[3] == '| real videos | 1.5 | 0.25 | 3 | 3 ± 0.1 |  |'


def test_the_golf_note_names_the_classifier_of_each_metric():
    note = table_tool.classifier_note(read_config('configs/vosgan_golf.py'))
    assert note.startswith(
        'IS: Inception-v3 with weights data/inception_v3_google.pth. '
        'FCD and FID: FID\'s Inception-v3 (TensorFlow\'s 2015-12-05 graph) '
        'with weights data/pt_inception_fid.pth. FCD features: the '
        'classifier\'s pooled features.')
    assert note.endswith(
        'FID: 1 frame of each generated video and of each real clip.')


def test_a_classifier_without_weights_is_called_random():
    words = table_tool.classifier_words(dict(type='FIDInceptionV3'))
    assert words.startswith('FIDInceptionV3, randomly initialised')
    # one that loads weights of its own without a checkpoint is not
    assert table_tool.classifier_words(dict(type='OwnWeights')) == \
        'OwnWeights with its default weights'
