"""The record kinds: folder names, schema names and their titles in each language."""
from __future__ import annotations

from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@dataclass(frozen=True)
class Kind:
    folder: str
    name: str
    title_zh: str
    title_en: str
    blurb_zh: str
    blurb_en: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def blurb(self, lang: str) -> str:
        return self.blurb_zh if lang == "zh" else self.blurb_en


KINDS: tuple[Kind, ...] = (
    Kind("standards", "standard", "服务标准", "Service standards",
         "每个服务项目做什么、谁来做、时限和法规依据。",
         "What each service item is, who does it, time limits and legal basis."),
    Kind("procedures", "procedure", "作业流程", "Procedures",
         "逐步操作：动作、标准、时限、资料以及要用的话术和表单。",
         "Step by step: action, standard, time limit, documents and the script or form to use."),
    Kind("scripts", "script", "话术", "Call scripts",
         "电话与面访的对话示范、异议处理、必须说与不可说。",
         "Call and visit dialogues, objections, what to say and what never to say."),
    Kind("letters", "letter", "信函模板", "Letters",
         "在浏览器中填写并用 A4 打印的通知函。",
         "Notices to fill in the browser and print on A4."),
    Kind("forms", "form", "表单", "Forms",
         "空白打印手写，或在屏幕上填写后打印。",
         "Print blank for handwriting, or fill on screen and print."),
    Kind("checklists", "checklist", "清单", "Checklists",
         "在手机上逐项勾选：理赔资料、保全资料、拜访准备。",
         "Tick items on the phone: claim documents, service documents, visit preparation."),
    Kind("exclusions", "exclusion", "除外责任", "Exclusions",
         "客户问“为什么不赔”时，用通俗的话解释条款。",
         "When a customer asks why a claim was refused: the clause, explained plainly."),
    Kind("glossary", "glossary", "术语", "Glossary",
         "中英文术语对照和释义。",
         "Terms in both languages with definitions."),
    Kind("courses", "course", "培训课程", "Courses",
         "讲师带新人用的课程：学习目标、阅读、角色扮演、测验、实操任务和讲师讲义。",
         "Courses for trainers: objectives, reading, role-play, quizzes, practical tasks and trainer handouts."),
    Kind("flows", "flow", "引导决策", "Guided decisions",
         "一步一问：回答几个问题，就知道这件事该走哪个流程、用哪份话术和表单。",
         "One question at a time: answer a few questions and see which procedure, script and form to use."),
)

KIND_BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
KIND_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
