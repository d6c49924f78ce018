# SkillShift — `make run` sets everything up and starts the app; `make test` runs every test
# (with coverage), `make test-fast` the quick loop without the model.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SOURCE ?= ../shared/data
STAMP  := $(VENV)/.setup-stamp

export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: sysdeps setup run test test-fast test-core lint resources model index bench eval dist test-dist clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the tests need (strace, ...): the list is .ci/debian-packages.txt; missing ones
# are installed with apt-get (as root, or through sudo without a password); nothing to do when
# they are all there.
sysdeps:
	@.ci/sysdeps.sh

run: setup
	$(PY) -m app

test: sysdeps setup lint
	$(PY) -m pytest -q --cov --cov-report=term

# The development loop: no test that loads the model and no slow test (a few minutes at most).
test-fast: sysdeps setup
	$(PY) -m pytest -q -m "not model and not slow"

test-core: sysdeps setup
	$(PY) -m pytest -q tests/core

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The database first, then the precomputed embeddings and the transition matrix built on it.
resources: setup
	$(PY) resources/build_resources.py --source $(SOURCE)
	$(PY) -m models.build_index
	$(PY) resources/build_transitions.py

# Training needs the `train` extra (torch==2.13.0, CPU build); `make test` never trains.
# Two stages, about 50 minutes on 2 cores: a 6-layer teacher, then the shipped 4-layer
# student distilled from it (the teacher is copied aside before the student replaces it).
model: setup
	$(PY) -m pip install --quiet -e '.[dev,train]'
	$(PY) -m models.make_model --steps 1000
	$(PY) -m models.make_model --layers 4 --steps 1300 --teacher models/skillshift-encoder.onnx
	$(PY) -m models.fit_activity_vote
	$(PY) -m models.build_index
	$(PY) resources/build_transitions.py
	$(PY) -m models.search_card

index: setup
	$(PY) -m models.build_index
	$(PY) resources/build_transitions.py

bench: setup
	$(PY) -m app bench

eval: setup
	$(PY) -m app eval match --split titles
	$(PY) -m app eval match --split reported
	$(PY) -m models.evaluate

# A runtime-only environment (no dev or training tools) builds the bundle; GPU=cuda swaps
# onnxruntime for onnxruntime-gpu in a venv of its own (docs/packaging.md: driver/CUDA needs).
GPU        ?=
ifneq ($(filter-out cuda,$(GPU)),)
$(error GPU must be empty or cuda, not '$(GPU)')
endif
DIST_FLAVOR := $(if $(GPU),-$(GPU))
DIST_VENV   := build/dist-venv$(DIST_FLAVOR)
DIST_PY     := $(DIST_VENV)/bin/python
VERSION      = $(shell $(PYTHON) -c "import re;print(re.search(r'__version__ = \"(.+)\"',open('app/__init__.py').read()).group(1))")
# onnxruntime-gpu is pinned too (app/offline.py's telemetry switch is read by the exact version
# pinned); it trails the CPU package: 1.31.1 is its newest release beside onnxruntime 1.32.0.
ORT_GPU_VERSION = 1.31.1
ARCHIVE      = dist/SkillShift-$(VERSION)-linux-x86_64$(DIST_FLAVOR).tar.gz

dist:
	test -x $(DIST_PY) || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_PY) -m pip install --quiet --upgrade pip
	$(DIST_PY) -m pip install --quiet . pyinstaller
ifeq ($(GPU),cuda)
	$(DIST_PY) -m pip uninstall --quiet --yes onnxruntime
	$(DIST_PY) -m pip install --quiet onnxruntime-gpu==$(ORT_GPU_VERSION)
endif
	rm -rf dist/SkillShift
	$(DIST_PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller$(DIST_FLAVOR) build.spec
	cp packaging/skillshift.desktop packaging/install-desktop.sh resources/icons/skillshift.png dist/SkillShift/
	tar -C dist -czf $(ARCHIVE) SkillShift
	@du -sh dist/SkillShift $(ARCHIVE)

# The frozen smoke test, only when asked; it runs `make dist` first when the bundle is missing.
test-dist: sysdeps setup
	$(PY) -m pytest -q -m dist tests/packaging

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .coverage
