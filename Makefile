# Thư viện pháp luật an ninh mạng — các lệnh thường dùng.
# Chỉ cần python3 (>= 3.11) và GNU make; mọi thứ khác được cài vào $(VENV).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared/corpus

.DEFAULT_GOAL := help
.PHONY: help install import link serve site test check clean

help:
	@echo "Các lệnh:"
	@echo "  make serve    Cài đặt (nếu cần) rồi chạy thư viện tại http://127.0.0.1:8000"
	@echo "                (đổi địa chỉ: make serve ADDR=0.0.0.0:8000)"
	@echo "  make site     Dựng trang tĩnh vào thư mục site/ (mkdocs build --strict)"
	@echo "  make test     Kiểm tra mã (ruff) và chạy kiểm thử (pytest)"
	@echo "  make check    Kiểm tra thư viện (kb check) rồi dựng trang ở chế độ nghiêm ngặt"
	@echo "  make import   Nhập lại văn bản từ $(SHARED) vào docs/ theo sources.yml"
	@echo "  make link     Tạo liên kết dẫn chiếu, hiệu lực, quan hệ văn bản (kb link)"
	@echo "  make install  Tạo môi trường ảo $(VENV) và cài đặt dự án"
	@echo "  make clean    Xoá site/ và các bộ nhớ đệm"

# The stamp is rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[test]'
	touch $@

install: $(VENV)/.installed

import: $(VENV)/.installed
	@if [ ! -d "$(SHARED)" ]; then \
		echo "Không tìm thấy thư mục nguồn $(SHARED): bỏ qua bước nhập."; \
		echo "Các văn bản đã nhập (Markdown) có sẵn trong docs/, không cần nhập lại để xem thư viện."; \
	else \
		$(VENV)/bin/kb import --manifest sources.yml && $(VENV)/bin/kb link; \
	fi

# `kb link` turns every reference into a link and dates the status banners; it rewrites
# only pages whose links or status changed (nothing, on an unchanged library).
link: $(VENV)/.installed
	$(VENV)/bin/kb link

serve: link
	$(VENV)/bin/mkdocs serve -a "$${ADDR:-127.0.0.1:8000}"

site: link
	$(VENV)/bin/mkdocs build --strict

test: $(VENV)/.installed
	$(VENV)/bin/ruff check scripts tests
	$(VENV)/bin/pytest

check: $(VENV)/.installed
	$(VENV)/bin/kb check
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf site .pytest_cache .ruff_cache .cache/kb
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
