"""A short narrative for the demo rendering of the seed disclosure, in our own words.

It states the seed's key figures; every amount here is also printed in one of the tables
(a test checks that), so the narrative never contradicts them.
"""

from __future__ import annotations

from assets.demo.document_model import NarrativePart, NarrativeSection

_OVERVIEW = NarrativePart(
    heading="第一部分 2026年部门概况",
    sections=(
        NarrativeSection(
            "一、主要职能",
            (
                "克孜勒苏柯尔克孜自治州人民政府办公室是自治州人民政府的综合办事机构，主要负责："
                "筹备自治州人民政府的各类会议并督促落实会议决定；起草、审核以自治州人民政府及其办公室"
                "名义印发的公文；督促检查重要文件、重要会议和领导批示的贯彻落实情况；"
                "负责政府值班、政务信息、政务公开和政府网站等工作；统筹全州政府系统绩效考评；"
                "管理自治州人民政府驻外办事机构；完成自治州党委、自治州人民政府交办的其他任务。",
            ),
        ),
        NarrativeSection(
            "二、机构设置及人员情况",
            (
                "本部门无下属预算单位，内设12个科室。编制数59名，实有人数97人，"
                "其中在职57人、退休40人、离休0人。",
            ),
        ),
    ),
)

_EXPLANATION = NarrativePart(
    heading="第二部分 2026年部门预算情况说明",
    sections=(
        NarrativeSection(
            "一、收支预算总体情况",
            (
                "按照全口径预算的要求，本部门2026年的全部收入和支出均纳入部门预算管理，"
                "收支总预算1,759.05万元。收入来源为一般公共预算拨款、单位资金和上年财政拨款结转；"
                "支出用于一般公共服务、社会保障和就业、卫生健康和住房保障四个功能类。",
            ),
        ),
        NarrativeSection(
            "二、收入预算情况",
            (
                "收入预算1,759.05万元，其中：一般公共预算拨款1,719.05万元，占97.73%；"
                "单位资金30.00万元，占1.71%；上年财政拨款结转10.00万元，占0.57%。"
                "政府性基金预算、国有资本经营预算及上级转移支付均未安排。",
            ),
        ),
        NarrativeSection(
            "三、支出预算情况",
            ("支出预算1,759.05万元，其中：基本支出1,599.05万元，占90.90%；项目支出160.00万元，占9.10%。",),
        ),
        NarrativeSection(
            "四、财政拨款收支预算情况",
            (
                "财政拨款收支总预算1,719.05万元，全部为一般公共预算拨款。按支出功能分类："
                "一般公共服务支出1,307.83万元，社会保障和就业支出211.95万元，"
                "卫生健康支出92.29万元，住房保障支出106.98万元。",
            ),
        ),
        NarrativeSection(
            "五、一般公共预算基本支出情况",
            ("一般公共预算基本支出1,599.05万元，其中人员经费1,421.81万元，公用经费177.24万元。",),
        ),
        NarrativeSection(
            "六、一般公共预算项目支出情况",
            (
                "一般公共预算项目支出120.00万元，用于克州合作交流中心工作经费10.00万元、"
                "机场设施租赁费60.00万元和业务活动经费50.00万元。",
            ),
        ),
        NarrativeSection(
            "七、政府性基金预算和国有资本经营预算拨款情况",
            ("本部门2026年没有使用政府性基金预算拨款和国有资本经营预算拨款安排的支出，相应的两张表为空表。",),
        ),
        NarrativeSection(
            "八、财政拨款“三公”经费预算情况",
            (
                "“三公”经费预算83.00万元，其中：因公出国（境）费未安排；公务接待费5.00万元；"
                "公务用车购置及运行费78.00万元，全部为公务用车运行费。",
            ),
        ),
        NarrativeSection(
            "九、上年结转结余情况",
            ("上年结转结余10.00万元，全部为财政拨款结转，用于项目支出。",),
        ),
    ),
)

SEED_NARRATIVE: tuple[NarrativePart, ...] = (_OVERVIEW, _EXPLANATION)
