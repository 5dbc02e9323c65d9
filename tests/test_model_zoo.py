"""The model-zoo pages: model-index.yml, each metafile and README, and the
configs and images they name, exist and agree."""
import glob
import os.path as osp
import re

import pytest
import yaml

from tests.conftest import REPO_ROOT


def load(path):
    with open(osp.join(REPO_ROOT, path)) as f:
        return yaml.safe_load(f)


METAFILES = load('model-index.yml')['Import']


def test_every_metafile_in_configs_is_in_the_model_index():
    found = sorted(
        osp.relpath(p, REPO_ROOT) for p in glob.glob(
            osp.join(REPO_ROOT, 'configs', '*', 'metafile.yml')))
    assert sorted(METAFILES) == found


@pytest.mark.parametrize('metafile', METAFILES)
def test_metafile_names_existing_configs_and_readme(metafile):
    meta = load(metafile)
    collections = {c['Name']: c for c in meta['Collections']}
    for collection in collections.values():
        assert osp.isfile(osp.join(REPO_ROOT, collection['README']))
    names = [model['Name'] for model in meta['Models']]
    assert len(names) == len(set(names))
    for model in meta['Models']:
        assert model['In Collection'] in collections
        assert osp.isfile(osp.join(REPO_ROOT, model['Config'])), model
        for result in model['Results']:
            assert result['Metrics'] and all(
                isinstance(v, (int, float))
                for v in result['Metrics'].values())


def test_a_folder_metafile_lists_every_config_of_its_folder():
    for folder in ('vosgan', 'vgan', 'tgan', 'segmentation',
                   'segmentation_baselines', 'recognition'):
        meta = load(f'configs/{folder}/metafile.yml')
        listed = {model['Config'] for model in meta['Models']}
        configs = {
            osp.relpath(p, REPO_ROOT)
            for p in glob.glob(osp.join(REPO_ROOT, 'configs', folder, '*.py'))
        }
        assert listed == configs


@pytest.mark.parametrize(
    'readme',
    sorted(
        osp.relpath(p, REPO_ROOT)
        for p in glob.glob(osp.join(REPO_ROOT, 'configs', '*', 'README.md'))))
def test_model_zoo_page_links_resolve(readme):
    text = open(osp.join(REPO_ROOT, readme)).read()
    links = re.findall(r'\]\(([^)#]+)(?:#[^)]*)?\)', text)
    assert links
    for link in links:
        assert osp.exists(osp.join(REPO_ROOT, osp.dirname(readme), link)), link
