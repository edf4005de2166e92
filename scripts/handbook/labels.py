"""Interface wording of generated pages, per language."""
from __future__ import annotations

from .vocabularies import vocabularies

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "summary": "概要", "sources": "依据与出处", "related": "相关内容", "meta": "版本信息", "asked_questions": "常见问法",
        "internal_document": "内部文件", "issued": "印发",
        "owner": "负责部门", "status": "状态", "updated": "更新日期", "review_by": "复核日期", "change_note": "变更说明",
        "status_draft": "草稿", "status_in_review": "审核中", "status_approved": "已发布", "status_retired": "已停用",
        "draft_banner": "本页为草稿，尚未审核，请勿对客户使用。",
        "retired_banner": "本页已停用，请改用：",
        "what": "服务内容", "who": "由谁负责", "when": "时机", "time_limits": "时限要求",
        "good_practice": "做到位的样子", "common_failures": "客户常见投诉", "legal_basis": "法规依据",
        "applies_when": "适用情形", "steps": "操作步骤", "action": "动作", "standard": "标准", "time_limit": "时限",
        "documents": "所需资料", "uses": "使用", "notes": "注意事项",
        "situation": "场景", "goal": "目标", "turns": "对话示范", "agent": "服务人员", "customer": "客户",
        "objections": "异议处理", "objection": "客户说", "answer": "可以这样回答",
        "must_say": "必须说", "must_not_say": "不可说",
        "when_to_send": "何时寄发", "fill_in": "填写", "preview": "预览", "print": "打印",
        "purpose": "用途", "instructions": "填写说明", "declaration": "声明",
        "intro": "说明",
        "product_lines": "适用险种", "clause": "条款常见写法（意译）", "plain": "用大白话说", "example": "案例",
        "say": "服务人员可以这样说", "dont_say": "不要这样说", "misunderstanding": "常见误解",
        "definition": "释义", "note": "补充", "term_en": "英文",
        "records": "条", "az_jump": "按拼音首字母查找", "all": "全部", "tag_filter": "按标签筛选", "required": "必填",
        "sign_by_hand": "打印后由本人亲笔签名", "colon": "：",
        "remember": "在本设备上记住填写内容", "clear_data": "清除填写内容", "reset": "全部取消勾选", "done": "已完成",
        "privacy_note": "填写内容只保存在本浏览器中，不会上传。",
        "print_handout": "打印讲义", "capital": "大写",
        "save_offline": "保存本栏目以便离线使用", "offline_pages": "页面", "offline_search": "搜索索引",
        "offline_done": "已保存：没有网络时也能打开本栏目各页并搜索。", "offline_failed": "部分内容未能保存，请联网后再试一次。",
        "audience": "适合对象", "course_length": "总时长", "minutes": "分钟", "modules": "课程单元", "module": "单元",
        "objectives": "学习目标", "reading": "阅读材料", "roleplay": "角色扮演", "task": "实操任务", "done_when": "完成标准",
        "roleplay_intro": "两人一组：一人拿服务人员卡，一人拿客户卡，演完交换角色。卡片可以打印出来剪开使用。",
        "quiz": "测验", "questions": "题", "quiz_single": "单选", "quiz_multiple": "多选：选出所有正确项",
        "quiz_check": "核对答案", "quiz_right": "回答正确。", "quiz_wrong": "回答错误。", "quiz_answer": "正确答案：",
        "quiz_score": "得分", "quiz_answered": "已答", "quiz_reset": "清除本单元答题记录", "quiz_see": "详见：",
        "quiz_pick": "请先选择答案。", "quiz_note": "答题记录只保存在本设备的浏览器中。",
        "trainer": "讲师提示", "trainer_notes": "带领方法", "watch_for": "注意观察", "agenda": "时间安排", "activity": "内容", "trainer_handout": "讲师讲义",
        "print_trainer_handout": "打印讲师讲义", "print_role_cards": "打印角色卡", "print_guide": "打印讲师指南（全部单元）",
        "card_agent": "服务人员卡", "card_customer": "客户卡", "card_raise": "依次提出这些异议：",
        "card_customer_tip": "听到满意的回答再接受；回答含糊就追问。",
        "answer_key": "答案与解析", "trainer_guide": "讲师指南", "how_to_run": "如何使用本课程", "timetable": "课程安排",
        "prepare": "课前准备",
        "fb_question": "这页有帮助吗？", "fb_yes": "有帮助", "fb_no": "没有帮助", "fb_why": "哪里需要改进？（可多选）",
        "fb_wrong": "内容有错", "fb_outdated": "内容过时", "fb_unclear": "看不明白", "fb_missing": "缺少内容",
        "fb_comment": "补充说明（选填，最多 200 字；不要写客户的姓名、证件号或保单号）", "fb_send": "发送",
        "fb_thanks": "谢谢，已记录。", "fb_thanks_no": "谢谢，内容负责部门会看到你的意见。",
        "fb_queued": "现在没有网络，恢复联网后会自动发送。",
    },
    "en": {
        "summary": "Summary", "sources": "Sources", "related": "Related", "meta": "Record details",
        "internal_document": "internal document", "issued": "issued",
        "asked_questions": "Questions this page answers",
        "owner": "Owner", "status": "Status", "updated": "Updated", "review_by": "Review by", "change_note": "Change note",
        "status_draft": "Draft", "status_in_review": "In review", "status_approved": "Approved", "status_retired": "Retired",
        "draft_banner": "This page is a draft and has not been reviewed; do not use it with customers.",
        "retired_banner": "This page is retired. Use instead:",
        "what": "What it is", "who": "Who", "when": "When", "time_limits": "Time limits",
        "good_practice": "What good looks like", "common_failures": "What customers complain about", "legal_basis": "Legal basis",
        "applies_when": "Applies when", "steps": "Steps", "action": "Action", "standard": "Standard", "time_limit": "Time limit",
        "documents": "Documents", "uses": "Use", "notes": "Notes",
        "situation": "Situation", "goal": "Goal", "turns": "Dialogue", "agent": "Agent", "customer": "Customer",
        "objections": "Objections", "objection": "Customer says", "answer": "You can answer",
        "must_say": "Must say", "must_not_say": "Must not say",
        "when_to_send": "When to send", "fill_in": "Fill in", "preview": "Preview", "print": "Print",
        "purpose": "Purpose", "instructions": "How to fill in", "declaration": "Declaration",
        "intro": "About",
        "product_lines": "Product lines", "clause": "Typical clause (paraphrased)", "plain": "In plain words", "example": "Example",
        "say": "What to say", "dont_say": "What not to say", "misunderstanding": "Common misunderstanding",
        "definition": "Definition", "note": "Note", "term_en": "Chinese",
        "records": "records", "az_jump": "Jump to a letter", "all": "All", "tag_filter": "Filter by tag", "required": "required",
        "sign_by_hand": "signed by hand on the printed form", "colon": ": ",
        "remember": "Remember on this device", "clear_data": "Clear", "reset": "Untick all", "done": "done",
        "privacy_note": "What you type stays in this browser and is never sent anywhere.",
        "print_handout": "Print handout", "capital": "in words",
        "save_offline": "Save this section for offline use", "offline_pages": "Pages", "offline_search": "Search index",
        "offline_done": "Saved: this section's pages and search now work without a connection.",
        "offline_failed": "Some files could not be saved; try again when you are online.",
        "audience": "Who it is for", "course_length": "Total time", "minutes": "min", "modules": "Modules", "module": "Module",
        "objectives": "Learning objectives", "reading": "Reading", "roleplay": "Role-play", "task": "Practical task",
        "done_when": "Done when",
        "roleplay_intro": "Work in pairs: one takes the agent card, the other the customer card; swap after each round. Print the cards and cut them out.",
        "quiz": "Quiz", "questions": "questions", "quiz_single": "Single choice", "quiz_multiple": "Multiple choice: pick every correct option",
        "quiz_check": "Check answer", "quiz_right": "Correct.", "quiz_wrong": "Not quite.", "quiz_answer": "Answer:",
        "quiz_score": "Score", "quiz_answered": "answered", "quiz_reset": "Clear this module's answers", "quiz_see": "See:",
        "quiz_pick": "Choose an answer first.", "quiz_note": "Your answers are kept only in this browser on this device.",
        "trainer": "Trainer notes", "trainer_notes": "How to run it", "watch_for": "Watch for", "agenda": "Timing", "activity": "Activity", "trainer_handout": "Trainer handout",
        "print_trainer_handout": "Print trainer handout", "print_role_cards": "Print role cards",
        "print_guide": "Print trainer's guide (all modules)",
        "card_agent": "Agent card", "card_customer": "Customer card", "card_raise": "Raise these objections, one at a time:",
        "card_customer_tip": "Accept only an answer that satisfies you; if it is vague, ask again.",
        "answer_key": "Answer key", "trainer_guide": "Trainer's guide", "how_to_run": "How to run this course",
        "timetable": "Timetable", "prepare": "Before the session",
        "fb_question": "Was this page helpful?", "fb_yes": "Yes", "fb_no": "No", "fb_why": "What should be better? (tick any)",
        "fb_wrong": "Something is wrong", "fb_outdated": "Out of date", "fb_unclear": "Hard to understand",
        "fb_missing": "Something is missing",
        "fb_comment": "Anything to add (optional, up to 200 characters; no customer names, ID or policy numbers)",
        "fb_send": "Send", "fb_thanks": "Thank you, noted.", "fb_thanks_no": "Thank you; the page's owners will see this.",
        "fb_queued": "You are offline; it will be sent when you are back online.",
    },
}



def _add_product_lines(labels: dict[str, dict[str, str]]) -> None:
    """Product line names (`line_<id>`) come from vocabularies.yaml, like the departments."""
    for line, names in vocabularies().product_lines.items():
        for lang, name in names.items():
            labels[lang][f"line_{line}"] = name


_add_product_lines(LABELS)

# Owning departments as records name them (in Chinese, the company's working language), with their English names.
DEPARTMENTS_EN: dict[str, str] = vocabularies().departments


def department(name: str, lang: str) -> str:
    """An owning department's name in the page's language (validation makes sure English has one)."""
    return DEPARTMENTS_EN.get(name, name) if lang == "en" else name
