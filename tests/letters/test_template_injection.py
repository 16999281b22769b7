"""Known server-side template injection payloads, each typed into a real .docx, are refused everywhere.

Each payload is refused at upload (/letters/templates), at render from the web
(a template stored before the check existed) and at render from
``flask letters render --template``, with a message naming the expression and
its paragraph. None of them runs: the payloads that would run a shell command
try to create a marker file, and the ones that would read a file ask for
/etc/passwd; the tests check the marker never appears and no output holds
the file's contents. ``test_payloads_are_live_in_plain_jinja`` shows the same
payloads do run in an unsandboxed Jinja, so the battery is not toothless.
"""

from __future__ import annotations

import html
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest
from docx import Document as WordDocument

from casetracker.correspondence.models import Correspondence
from casetracker.documents.models import Document
from casetracker.extensions import db
from casetracker.letters.errors import UnsafeTemplate
from casetracker.letters.models import LetterTemplate
from casetracker.letters.render import render_letter
from casetracker.letters.team_template import _environment, template_fields
from tests.letters.test_letters_app_flow import errors_of, form_values
from tests.letters.test_letters_team_templates import make_template

NAME = "Siân O'Brien & Co"
PASSWD = "root:x:0:0"
TOUCH = "touch MARKER"

#: (payload as typed, the expression the refusal names). MARKER is replaced by a path under tmp_path.
PAYLOADS = [
    ("{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
     "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"),
    ("{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
     "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}"),
    ("{{ namespace.__init__.__globals__.os.popen('cat /etc/passwd').read() }}",
     "{{ namespace.__init__.__globals__.os.popen('cat /etc/passwd').read() }}"),
    ("{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
     "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}"),
    ("{{ lipsum.__globals__.__builtins__.open('/etc/passwd').read() }}",
     "{{ lipsum.__globals__.__builtins__.open('/etc/passwd').read() }}"),
    ("{{ range.__class__.__mro__[1].__subclasses__() }}",
     "{{ range.__class__.__mro__[1].__subclasses__() }}"),
    ("{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}",
     "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}"),
    ("{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARKER') }}",
     "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARKER') }}"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("{{ request|attr('application')|attr('__globals__') }}",
     "{{ request|attr('application')|attr('__globals__') }}"),
    ("{{ (cycler|attr('__init__')|attr('__globals__'))['os'].popen('touch MARKER').read() }}",
     "{{ cycler|attr('__init__')|attr('__globals__')['os'].popen('touch MARKER').read() }}"),
    ("{{ requester|attr('_' ~ '_class' ~ '_') }}",
     "{{ requester|attr('_' ~ '_class' ~ '_') }}"),
    ("{% set x = cycler.__init__.__globals__.os %}{{ x.popen('touch MARKER').read() }}",
     "{% set x = cycler.__init__.__globals__.os %}"),
    ("{% set c = '__cla' ~ 'ss__' %}{{ requester.name[c] }}",
     "{% set c = '__cla' ~ 'ss__' %}"),
    ("{{ requester.name[('__cla' ~ 'ss__')] }}",
     "{{ requester.name['__cla' ~ 'ss__'] }}"),
    ("{{ requester['__class__'] }}",
     "{{ requester['__class__'] }}"),
    ("{{ '%s'|format(cycler.__init__.__globals__) }}",
     "{{ '%s'|format(cycler.__init__.__globals__) }}"),
    ("{{ '{0.__class__.__mro__}'.format(requester.name) }}",
     "{{ '{0.__class__.__mro__}'.format(requester.name) }}"),
    ("{{ config.items() }}",
     "{{ config.items() }}"),
    ("{{ config.__class__.__init__.__globals__['os'].popen('touch MARKER').read() }}",
     "{{ config.__class__.__init__.__globals__['os'].popen('touch MARKER').read() }}"),
    ("{{ request.application.__globals__.__builtins__.__import__('os').popen('touch MARKER').read() }}",
     "{{ request.application.__globals__.__builtins__.__import__('os').popen('touch MARKER').read() }}"),
    ("{{ url_for.__globals__['current_app'].config }}",
     "{{ url_for.__globals__['current_app'].config }}"),
    ("{{ enclosures|map(attribute='__class__')|list }}",
     "{{ enclosures|map(attribute='__class__')|list }}"),
    ("{{ enclosures|selectattr('__class__')|list }}",
     "{{ enclosures|selectattr('__class__')|list }}"),
    ("{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
     "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"),
    ("{% for e in enclosures %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
     "{{ loop.__class__.__init__.__globals__ }}"),
    ("{% include '/etc/passwd' %}", "{% include '/etc/passwd' %}"),
    ("{% import 'os' as os %}", "{% import 'os' as os %}"),
    ("{% extends '/etc/passwd' %}", "{% extends '/etc/passwd' %}"),
    ("{% macro m() %}{{ cycler }}{% endmacro %}", "{% macro m() %}"),
    ("{% with x = cycler %}{{ x }}{% endwith %}", "{% with x = cycler %}"),
    ("{% filter upper %}{{ request.title }}{% endfilter %}", "{% filter upper %}"),
    ("{% autoescape false %}{{ request.title }}{% endautoescape %}", "{% autoescape False %}"),
    ("{{ namespace(x=1).__class__ }}", "{{ namespace(x=1).__class__ }}"),
    ("{{ 'x' * 1000000000 }}", "{{ 'x' * 1000000000 }}"),
]
#: Payloads that run a shell command or read /etc/passwd in a Jinja without a sandbox.
LIVE = [p for p, _ in PAYLOADS if p.startswith("{{ cycler.__init__") or p.startswith("{{ joiner")
        or p.startswith("{{ lipsum") or p.startswith("{{ namespace.__init__")
        or p.startswith("{{ self.__init__") or p.startswith("{% set x = cycler")]


def _payload(text: str, marker: Path) -> str:
    return text.replace("MARKER", str(marker))


def _template(payload: str) -> bytes:
    return make_template(["Dear {{ authority.name }},", payload, "Yours faithfully,"])


@pytest.fixture
def chaser_case(make_request):
    return make_request(requester_name=NAME, requester_email="sian@obrien-co.example",
                        sent_on=date(2022, 5, 24))


def _store_unchecked(app, team_id: int, data: bytes) -> int:
    """Keep a template as one stored before the check existed (no upload check); return its id."""
    from casetracker.documents.services import files_root
    from casetracker.documents.storage import write_blob

    with app.app_context():
        digest, _ = write_blob(files_root(), data)
        template = LetterTemplate(team_id=team_id, kind="chaser", name="Old letterhead", filename="old.docx",
                                  sha256=digest, size=len(data))
        db.session.add(template)
        db.session.commit()
        return template.id


def _assert_names(message: str, expression: str, marker: Path) -> None:
    assert message.startswith(f"The template uses {expression} in the body, paragraph 2 ("), message
    assert "which is not allowed" in message
    assert not marker.exists()
    assert PASSWD not in message


@pytest.mark.parametrize("payload,expression", PAYLOADS, ids=[f"p{i:02}" for i in range(len(PAYLOADS))])
def test_payload_is_refused_at_upload_and_at_render(auth, actors, app, runner, tmp_path, chaser_case,
                                                      payload, expression):
    marker = tmp_path / "ssti-marker"
    payload, expression = _payload(payload, marker), _payload(expression, marker)
    data = _template(payload)
    auth.login("editor")

    # Upload on the web: 422, the message under the file field, nothing kept.
    response = auth.post("/letters/templates", {"name": "Evil", "kind": "chaser",
                                                "file": (io.BytesIO(data), "evil.docx")})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    _assert_names(errors_of(page)["file"], html.unescape(expression), marker)
    assert PASSWD not in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterTemplate.id))) == 0
    assert list(Path(app.config["FILES_PATH"]).rglob("*")) == []

    # The command line: exit 2, one line naming the expression, no letter written.
    template_file = tmp_path / "evil.docx"
    template_file.write_bytes(data)
    out = tmp_path / "letter.docx"
    result = runner.invoke(args=["letters", "render", "chaser", "CT-2022-0001", "--out", str(out),
                                 "--template", str(template_file), "--set", "today=2022-06-28"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ")
    _assert_names(result.output.removeprefix("Error: "), expression, marker)
    assert not out.exists()

    # A template stored before the check existed is refused when a letter is generated.
    template_id = _store_unchecked(app, actors.team_ids["alpha"], data)
    url = f"/requests/{chaser_case}/letters/chaser"
    form = form_values(auth.get(url).get_data(as_text=True))
    form |= {"today": "2022-06-28", "template": str(template_id), "generate": "Generate .docx"}
    response = auth.post(url, form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    _assert_names(errors_of(page)["template"], expression, marker)
    assert PASSWD not in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Correspondence.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_a_safe_template_passes_the_same_three_paths(auth, app, runner, tmp_path, chaser_case):
    """The control: the paths above do accept a template that only prints fields and filters."""
    data = _template("{{ requester.name|upper }} wrote on {{ request.sent|default('an unknown date') }}"
                     "{% if request.title %} about {{ request.title|lower }}{% endif %}.")
    auth.login("editor")
    response = auth.post("/letters/templates", {"name": "Good", "kind": "chaser",
                                                "file": (io.BytesIO(data), "good.docx")})
    assert response.status_code == 302
    out, template_file = tmp_path / "letter.docx", tmp_path / "good.docx"
    template_file.write_bytes(data)
    result = runner.invoke(args=["letters", "render", "chaser", "CT-2022-0001", "--out", str(out),
                                 "--template", str(template_file), "--set", "today=2022-06-28"])
    assert result.exit_code == 0, result.output
    assert WordDocument(str(out)).paragraphs[1].text == (
        "SIÂN O'BRIEN & CO wrote on 24 May 2022 about minutes of the board.")
    with app.app_context():
        template_id = db.session.scalar(db.select(LetterTemplate.id))
    url = f"/requests/{chaser_case}/letters/chaser"
    form = form_values(auth.get(url).get_data(as_text=True))
    form |= {"today": "2022-06-28", "template": str(template_id), "generate": "Generate .docx"}
    assert auth.post(url, form).status_code == 302


@pytest.mark.parametrize("payload", LIVE)
def test_payloads_are_live_in_plain_jinja(tmp_path, payload):
    """Without the sandbox and the check, these payloads run commands or read files."""
    marker = tmp_path / "ssti-marker"
    # In a child Python, so the pipes and processes a payload opens die with it.
    script = "import sys, jinja2; print(jinja2.Environment().from_string(sys.argv[1]).render(request={}))"
    out = subprocess.run([sys.executable, "-c", script, _payload(payload, marker)], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert marker.exists() or PASSWD in out


@pytest.mark.parametrize("payload", LIVE)
def test_the_sandbox_alone_refuses_what_the_check_would(tmp_path, payload):
    """The second wall: the render environment has no globals and refuses private attributes."""
    marker = tmp_path / "ssti-marker"
    with pytest.raises(jinja2.TemplateError):
        _environment().from_string(_payload(payload, marker)).render(request={"title": "x"})
    assert not marker.exists()


def test_a_payload_in_the_header_or_the_document_title_is_refused(seed, tmp_path):
    marker = tmp_path / "ssti-marker"
    payload = _payload("{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}", marker)
    header = make_template(["{{ today }}"], header=["Ref {{ request.our_reference }}", payload])
    with pytest.raises(UnsafeTemplate) as caught:
        render_letter("acknowledgement", seed("acknowledgement"), template=header)
    assert caught.value.location.startswith("the header, paragraph 2 (")
    document = WordDocument()
    document.add_paragraph("{{ today }}")
    document.core_properties.title = payload
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(UnsafeTemplate) as caught:
        template_fields("acknowledgement", buffer.getvalue())
    assert (caught.value.expression, caught.value.location) == (
        payload, "the document properties (title)")
    assert not marker.exists()


def test_the_sandbox_refuses_what_a_gap_in_the_check_would_let_through(seed, monkeypatch):
    """With the check switched off, rendering still refuses a private attribute, as a refusal."""
    import casetracker.letters.team_template as team_template

    monkeypatch.setattr(team_template, "find_unsafe", lambda parsed: None)
    template = make_template(["{{ ''.__class__.__mro__ }}", "{{ today }}"])
    with pytest.raises(UnsafeTemplate) as caught:
        render_letter("acknowledgement", seed("acknowledgement"), template=template)
    assert "__class__" in caught.value.reason and "unsafe" in caught.value.reason
