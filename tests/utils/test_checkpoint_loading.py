"""Checkpoints that are not checkpoints, or of another model, fail with one
error naming the file, on resume, load_from and the APIs of the tools."""
import glob
import os
import os.path as osp

import pytest
import torch

from tests.conftest import tiny_demo_config
from tests.utils.test_checkpoint_safety import RunsCode
from vosgan_mm.apis import load_gan
from vosgan_mm.registry import MODELS, RUNNERS
from vosgan_mm.utils import (CheckpointError, check_weights,
                             load_from_local_file)


def tiny_gan(kind='VOSGAN', width=2):
    networks = dict(
        VOSGAN=('VOSGANGenerator', 'VOSGANDiscriminator'),
        VGAN=('VGANGenerator', 'Conv3dVideoDiscriminator'))[kind]
    return MODELS.build(
        dict(
            type=kind,
            generator=dict(type=networks[0], base_channels=width),
            discriminator=dict(type=networks[1], base_channels=width)))


@pytest.fixture
def files(tmp_path):
    """Checkpoints of other models and files that are not checkpoints."""
    paths = {
        name: str(tmp_path / f'{name}.pth')
        for name in ('vgan', 'wide', 'weights_only', 'no_state_dict', 'random',
                     'text', 'truncated', 'tensor', 'evil')
    }
    torch.save(dict(state_dict=tiny_gan('VGAN').state_dict()), paths['vgan'])
    torch.save(dict(state_dict=tiny_gan(width=4).state_dict()), paths['wide'])
    torch.save(dict(state_dict=tiny_gan().state_dict()), paths['weights_only'])
    torch.save(dict(meta=dict(iter=2)), paths['no_state_dict'])
    with open(paths['random'], 'wb') as f:
        f.write(bytes(range(256)) * 4)
    with open(paths['text'], 'w') as f:
        f.write('not a checkpoint\n')
    with open(paths['vgan'], 'rb') as f, open(paths['truncated'], 'wb') as g:
        g.write(f.read()[:300])
    torch.save(torch.zeros(3), paths['tensor'])
    torch.save({'state_dict': {}, 'evil': RunsCode()}, paths['evil'])
    return paths


@pytest.mark.parametrize('name, reason', [
    ('random', 'weights-only unpickler refused it'),
    ('text', 'not a PyTorch checkpoint'),
    ('truncated', 'damaged'),
    ('evil', 'unsupported GLOBAL'),
    ('tensor', 'holds a Tensor, not a checkpoint'),
])
def test_file_that_is_no_checkpoint_is_named(files, name, reason, tmp_path,
                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CheckpointError) as error:
        load_from_local_file(files[name])
    assert str(error.value).startswith(files[name])
    assert reason in str(error.value)
    assert not osp.exists(tmp_path / 'pwned.txt')


def test_mismatch_lists_the_first_ten_keys_of_each_kind_and_their_number():
    expected = {f'layer{i}.weight': torch.zeros(2) for i in range(15)}
    found = {f'layer{i}.weight': torch.zeros(2) for i in range(3)}
    found['layer0.weight'] = torch.zeros(3)
    found['head.weight'] = torch.zeros(1)
    with pytest.raises(CheckpointError) as error:
        check_weights(expected, found, 'Net', 'checkpoint a.pth')
    assert str(error.value) == '\n'.join([
        'checkpoint a.pth does not fit Net (a checkpoint of another model, '
        'version or width?):',
        '  missing keys (12):',
        *[f'    layer{i}.weight' for i in range(3, 13)],
        '    ... and 2 more',
        '  unexpected keys (1):',
        '    head.weight',
        '  keys of another shape (1):',
        '    layer0.weight: (3,) in the checkpoint, (2,) in the model',
    ])


def test_runner_loads_strictly_even_when_asked_not_to(files, tmp_path):
    runner = RUNNERS.build(tiny_demo_config(tmp_path / 'work'))
    with pytest.raises(CheckpointError) as error:
        runner.load_checkpoint(files['vgan'], strict=False)
    assert str(error.value).startswith(
        f'checkpoint {files["vgan"]} does not fit VOSGAN')
    before = {k: v.clone() for k, v in runner.model.state_dict().items()}
    runner.load_checkpoint(files['weights_only'], strict=False)
    after = runner.model.state_dict()
    saved = torch.load(files['weights_only'])['state_dict']
    assert all(torch.equal(after[k], saved[k]) for k in saved)
    assert any(not torch.equal(before[k], after[k]) for k in saved
               if before[k].is_floating_point())


def test_generation_api_names_the_checkpoint_of_another_model(files):
    cfg = tiny_demo_config('unused')
    with pytest.raises(CheckpointError) as error:
        load_gan(cfg, files['vgan'])
    message = str(error.value)
    assert message.startswith(f'checkpoint {files["vgan"]} does not fit '
                              'VOSGAN')
    for kind in ('missing keys', 'unexpected keys', 'keys of another shape'):
        assert kind in message
    with pytest.raises(CheckpointError, match='holds no model weights'):
        load_gan(cfg, files['no_state_dict'])


def start(cfg):
    """Builds the runner and trains; the checkpoint is read before the
    first iteration."""
    runner = RUNNERS.build(cfg)
    runner.train()
    return runner


@pytest.mark.parametrize('resume', [False, True])
def test_checkpoint_of_another_model_stops_resume_and_load_from(
        files, tmp_path, resume):
    cfg = tiny_demo_config(
        tmp_path / 'work', load_from=files['vgan'], resume=resume)
    with pytest.raises(CheckpointError) as error:
        start(cfg)
    assert f'checkpoint {files["vgan"]} does not fit VOSGAN' in str(
        error.value)
    assert 'discriminator.head.conv.weight' in str(error.value)  # unexpected
    assert not glob.glob(str(tmp_path / 'work' / '*.pth'))


def test_checkpoint_of_another_width_stops_resume(files, tmp_path):
    cfg = tiny_demo_config(
        tmp_path / 'work', load_from=files['wide'], resume=True)
    with pytest.raises(CheckpointError, match='keys of another shape'):
        start(cfg)


def test_resume_from_weights_only_names_the_missing_entry(files, tmp_path):
    cfg = tiny_demo_config(
        tmp_path / 'work', load_from=files['weights_only'], resume=True)
    with pytest.raises(CheckpointError) as error:
        start(cfg)
    assert str(error.value).startswith(
        f'checkpoint {files["weights_only"]} has no "meta" entry (it has: '
        'state_dict)')


@pytest.mark.parametrize('resume', [False, True])
def test_random_bytes_stop_resume_and_load_from(files, tmp_path, resume):
    cfg = tiny_demo_config(
        tmp_path / 'work', load_from=files['random'], resume=resume)
    with pytest.raises(CheckpointError, match=files['random']):
        start(cfg)


def test_auto_resume_names_the_latest_checkpoint_of_the_work_dir(
        files, tmp_path):
    os.link(files['vgan'], tmp_path / 'iter_3.pth')
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'iter_3.pth'))
    cfg = tiny_demo_config(tmp_path, resume=True)
    with pytest.raises(
            CheckpointError,
            match=f'checkpoint {tmp_path / "iter_3.pth"} does not fit'):
        start(cfg)
