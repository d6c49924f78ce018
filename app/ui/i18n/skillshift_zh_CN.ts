<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Chip</name>
    <message>
        <location filename="../widgets/chips.py" line="+96"/>
        <source>Remove {skill}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove skill {skill}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Skill: {skill} ({origin})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChipBox</name>
    <message>
        <location line="+14"/>
        <source>No skills yet: pick from the suggestions or type your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your skills</source>
        <translation>您的技能</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../pages/clients_page.py" line="+88"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For counsellors: every client&apos;s profile, session notes and snapshots stay in the SkillShift data folder on this computer ({folder}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(protected: open to see)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+83"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Last saved</source>
        <translation>上次保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Protect with a passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session notes</source>
        <translation>会谈记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Notes for today ({date}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What you discussed, agreed next steps… saved automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes for today&apos;s session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earlier sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier sessions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Take snapshot</source>
        <translation>拍摄快照(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep today&apos;s profile and results to compare later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;mpare selected with latest</source>
        <translation>将所选与最新对比(&amp;M)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taken</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exposure</source>
        <translation>暴露度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best move</source>
        <translation>最佳转型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Snapshots of this client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier</source>
        <translation>较早</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>较晚</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Comparison of two snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Working on an unsaved profile. Save it to keep it as a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open: {alias} (saved {when}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a saved client to protect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New passphrase for this client (at least 8 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passphrases differ; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{alias} is now encrypted; without the passphrase it cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Damaged profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{message}

Restore the previous version?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This client is protected. Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Save client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client&apos;s name or alias:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved {alias}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Duplicated as {alias}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete {alias} with all notes and snapshots? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a saved client to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift client (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import client or profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift client or profile (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Imported {alias}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no analysis to keep yet: fill in the profile first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Take at least two snapshots to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <location filename="../widgets/charts.py" line="+123"/>
        <source>Distribution of exposure across occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No analysis yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>AI exposure (model beta) → · bars: number of occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>You: {v:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your occupation, all its tasks: {v:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExposureGauge</name>
    <message>
        <location line="-182"/>
        <source>Exposure gauge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your exposure: {v:.2f} of 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>lower third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>middle third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>upper third</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExposurePage</name>
    <message>
        <location filename="../pages/exposure_page.py" line="+80"/>
        <source>Choose your occupation and tick at least one task on the Profile page; your exposure appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Exposure is not job loss.&lt;/b&gt; It estimates how much of the work a language model could do or speed up. Employers may use that to help you, to change the job or to hire differently: plan with it, it is not a forecast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Automation or augmentation?</source>
        <translation>自动化还是增强？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Your tasks, one by one (hover a task for its evidence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P(E0) {a:.2f}, P(E1) {b:.2f}, P(E2) {c:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model&apos;s class (E0 not exposed, E1 exposed, E2 exposed with tools) and score: P(E1) + half P(E2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Human</source>
        <translation>人工</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label published by Eloundou et al. (human annotators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GPT-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label published by Eloundou et al. (GPT-4 as annotator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evidence: nearest O*NET task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exposure of each task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published measures side by side</source>
        <translation>已发表指标对照</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each bar: the share of occupations this measure ranks below yours (longer = more exposed). Orange: not in the model&apos;s third.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+109"/>
        <source>GPT-4 raters: automation level {lvl:.1f} of 4 on your labelled tasks ({cov:.0%} of your time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{share:.0%} of your time is on tasks people already bring to Claude (Anthropic Economic Index).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>In Anthropic&apos;s sample, people mostly work with AI rather than hand tasks over:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Third</source>
        <translation>三分位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lower</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>middle</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>upper</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same third of occupations as the SkillShift model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Evidence, the nearest O*NET task ({code}, similarity {s:.2f}): {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your AI exposure: {beta:.2f} of 1</source>
        <translation>您的 AI 暴露度：{beta:.2f}（满分 1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> Your occupation&apos;s O*NET tasks as a whole score {occ:.2f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time on directly exposed tasks (alpha) {a:.0%}; counting tasks that need extra tools (gamma) {g:.0%}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>None of your tasks was seen in Anthropic&apos;s sample of AI conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>augmentation</source>
        <translation>增强</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>automation</source>
        <translation>自动化</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="+62"/>
        <location line="+12"/>
        <location line="+299"/>
        <source>SkillShift</source>
        <translation>SkillShift</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>&amp;Profile</source>
        <translation>个人资料(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Exposure</source>
        <translation>AI 暴露度(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path&amp;ways</source>
        <translation>转型路径(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clients</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings &amp;&amp; About</source>
        <translation>设置与关于(&amp;S)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{page} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running job (Esc)</source>
        <translation>停止正在运行的任务（Esc）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New client</source>
        <translation>新建客户(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save client</source>
        <translation>保存客户(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save report as &amp;PDF</source>
        <translation>将报告另存为 PDF(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print report…</source>
        <translation>打印报告(&amp;P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Cancel running job</source>
        <translation>取消正在运行的任务(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About and data sources</source>
        <translation>关于与数据来源(&amp;A)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the skills graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model: {provider}, on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model ready on this computer ({provider}). Preparing the skills graph…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready. Everything runs on this computer.</source>
        <translation>就绪。所有计算都在本机完成。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reloading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Analysing your profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Analysis updated.</source>
        <translation>分析已更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start on the Profile page: type your job title.</source>
        <translation>请从“个人资料”页开始：输入您的职位名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{who}{title} · {tasks} tasks · {skills} skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source> · AI exposure {beta:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SkillShift — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Autosave failed: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore your work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift did not close properly last time. Restore the work autosaved at {when}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The autosaved work could not be restored: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restored the work autosaved at {when}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathwayGraph</name>
    <message>
        <location filename="../widgets/pathway_graph.py" line="+53"/>
        <source>Graph of career moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{direct} direct moves and {paths} multi-step paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No moves to draw yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct moves · first steps</source>
        <translation>直接转型 · 第一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path, step 2</source>
        <translation>路径第 2 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path, step 3</source>
        <translation>路径第 3 步</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>exposure {beta}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathwaysPage</name>
    <message>
        <location filename="../pages/pathways_page.py" line="+163"/>
        <source>Your possible moves appear here once the Profile page has an occupation and tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Safer only (less exposed than you)</source>
        <translation>仅更安全的（暴露度低于您）(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bright outlook only</source>
        <translation>仅前景良好(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wage at least:</source>
        <translation>工资至少(&amp;W)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> % of yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minimum wage as a percentage of your current median wage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Job zone up at most:</source>
        <translation>工作区间最多提升(&amp;J)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest step up in O*NET job zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How much of what the move needs you already bring (0-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exposure (vs you)</source>
        <translation>暴露度（与您相比）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wage</source>
        <translation>工资</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zone</source>
        <translation>区间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>O*NET job zone: 1 little preparation … 5 extensive preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outlook</source>
        <translation>前景</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Employment growth 2024–34 (BLS); bright = O*NET Bright Outlook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learn</source>
        <translation>待学</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Essential skills of the move you do not have yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Possible moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Map of moves</source>
        <translation>转型地图</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Green border: less exposed than you; orange: more. Solid lines: direct moves (thicker = better fit); dashed: multi-step paths to safer occupations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a move to see its skill gap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Skill the move needs</source>
        <translation>目标职业所需技能</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>covered by your skill: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Skill gap of the selected move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to learn, in order</source>
        <translation>学习顺序</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why now</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learning plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>{shown} of {total} moves shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No move passes these filters: relax the wage floor, the job-zone step or “safer only”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({code}) · fit {fit:.2f} · exposure {beta} · wage {wage}&lt;br&gt;You have {have}, partly have {partial}, and would learn {gap} of its skills.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>You: {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PercentileBars</name>
    <message>
        <location filename="../widgets/charts.py" line="+173"/>
        <source>Reference measures compared</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../pages/profile_page.py" line="+56"/>
        <source>&amp;Name or alias:</source>
        <translation>姓名或化名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional, e.g. a client&apos;s initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name or alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Job title:</source>
        <translation>职位名称(&amp;J)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>type your job title, e.g. bookkeeper or sr accounts payable clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Suggested occupation</source>
        <translation>建议的职业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O*NET code</source>
        <translation>O*NET 代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <location line="+99"/>
        <source>Match</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Suggested occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;Your title fits several occupations.&lt;/b&gt; Tick the tasks you really do below; the occupation whose tasks you tick rises to the top. Then choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Candidate</source>
        <translation>候选职业</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tasks ticked</source>
        <translation>已勾选任务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Candidate occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Use this occupation</source>
        <translation>使用此职业(&amp;U)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No occupation chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your tasks</source>
        <translation>您的工作任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add &amp;my own task:</source>
        <translation>添加我自己的任务(&amp;M)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in your words, e.g. reconcile supplier statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your own task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add task</source>
        <translation>添加任务(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove own task</source>
        <translation>删除自己的任务(&amp;R)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your skills</source>
        <translation>您的技能</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;kill:</source>
        <translation>技能(&amp;K)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>search ESCO, O*NET and technology skills, or type your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a skill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add s&amp;kill</source>
        <translation>添加技能(&amp;K)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closest ESCO skill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ESCO skills matching your words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add the &amp;selected ESCO skill</source>
        <translation>添加所选 ESCO 技能(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep m&amp;y words</source>
        <translation>保留我的原话(&amp;Y)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the text as typed; the analysis matches it to ESCO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Suggested for your occupation (Enter or double-click adds):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suggested skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your occupation&apos;s usual ESCO skills count as yours too; add what else you can do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Searching occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No occupation chosen yet: type your job title above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose your occupation from the candidates above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>median wage ${wage:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>job zone {zone} of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({code}) {facts} — tick the tasks you do and set how much time each takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n} tasks ticked, {own} of them your own. Space ticks a task; the Time slider follows the arrow keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Live estimate for “{text}”: {label}, exposure {beta:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <source>Scoring your task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{label}  · ESCO {relation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label}  · O*NET {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label}  · technology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Matching your skill to ESCO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{text}” is not in the list. Closest ESCO skills:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../pages/report_page.py" line="+32"/>
        <source>Save as &amp;PDF</source>
        <translation>另存为 PDF(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One click: saves the report in your SkillShift reports folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save PDF &amp;as…</source>
        <translation>PDF 另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The report is ready once the profile has been analysed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preview of the report. Save it as a PDF or print it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The PDF could not be saved: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report saved: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>SkillShift report preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../pages/settings_page.py" line="+42"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (best available)</source>
        <translation>自动（最佳可用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NVIDIA CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DirectML (Windows GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Core ML (Apple)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compute provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compute provider:</source>
        <translation>计算后端(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute provider in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In use:</source>
        <translation>正在使用：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Apply and reload the model</source>
        <translation>应用并重新加载模型(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language changes the next time SkillShift starts.</source>
        <translation>语言将在下次启动 SkillShift 时更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hange…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profiles, settings, drafts and caches live here. A new folder is used from the next start; start SkillShift with --data-dir FOLDER to use another one just once (e.g. on a USB stick).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About SkillShift</source>
        <translation>关于 SkillShift</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How exposed your tasks are to AI, and where your skills can take you. Everything runs on this computer: SkillShift opens no network connection, and nothing you type leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exposure estimates describe what AI could do with tasks, not whether jobs disappear. Wages and outlook are U.S. national figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+20"/>
        <source>Data sources</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>SkillShift is built from these datasets; their publishers do not endorse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>发布方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution</source>
        <translation>署名</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose a folder for SkillShift&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SkillShift cannot use that folder: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{current} (from the next start: {chosen})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The built-in database: {occupations:,} occupations, {titles:,} job titles, {tasks:,} tasks and {skills:,} ESCO skills.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not running ({e})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{provider} ({providers}), {threads} threads, started in {s:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Model: {file} (fine-tuned from {name}), {dim}-dimensional embeddings, exposure classes {labels}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>reloading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SliderDelegate</name>
    <message>
        <location filename="../widgets/delegates.py" line="+73"/>
        <source>Time on this task</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
