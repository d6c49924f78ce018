<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Chip</name>
    <message>
        <location filename="../widgets/chips.py" line="+96"/>
        <source>Remove {skill}</source>
        <translation>移除 {skill}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove skill {skill}</source>
        <translation>移除技能 {skill}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Skill: {skill} ({origin})</source>
        <translation>技能：{skill}（{origin}）</translation>
    </message>
</context>
<context>
    <name>ChipBox</name>
    <message>
        <location line="+14"/>
        <source>No skills yet: pick from the suggestions or type your own.</source>
        <translation>还没有技能：从推荐中选择，或自己输入。</translation>
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
        <translation>供职业咨询师使用：每位客户的个人资料、会谈记录和快照都保存在本机的 SkillShift 数据文件夹中（{folder}）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(protected: open to see)</source>
        <translation>（受密码保护：打开后可见）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no name)</source>
        <translation>（未命名）</translation>
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
        <translation>已保存的客户</translation>
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
        <translation>用密码保护(&amp;P)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session notes</source>
        <translation>会谈记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Notes for today ({date}):</source>
        <translation>今天的记录（{date}）(&amp;N)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What you discussed, agreed next steps… saved automatically.</source>
        <translation>讨论的内容、约定的下一步等，会自动保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes for today&apos;s session</source>
        <translation>今天会谈的记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session</source>
        <translation>会谈日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earlier sessions</source>
        <translation>以往会谈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier sessions:</source>
        <translation>以往会谈：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Take snapshot</source>
        <translation>创建快照(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep today&apos;s profile and results to compare later</source>
        <translation>保存今天的个人资料和结果，以便日后对比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;mpare selected with latest</source>
        <translation>将所选与最新对比(&amp;M)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taken</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exposure</source>
        <translation>暴露度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best move</source>
        <translation>最佳转型方向</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Snapshots of this client</source>
        <translation>该客户的快照</translation>
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
        <translation>两个快照的对比</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Working on an unsaved profile. Save it to keep it as a client.</source>
        <translation>正在编辑尚未保存的个人资料。保存后才会作为客户保留。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open: {alias} (saved {when}).</source>
        <translation>已打开：{alias}（保存于 {when}）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a saved client to protect.</source>
        <translation>请先选择一位已保存的客户，再设置密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New passphrase for this client (at least 8 characters):</source>
        <translation>为该客户设置新密码（至少 8 个字符）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the passphrase again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passphrases differ; nothing was changed.</source>
        <translation>两次输入的密码不一致，没有做任何更改。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{alias} is now encrypted; without the passphrase it cannot be opened.</source>
        <translation>{alias} 已加密；没有密码将无法打开。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Damaged profile</source>
        <translation>个人资料已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{message}

Restore the previous version?</source>
        <translation>{message}

要恢复到上一个版本吗？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This client is protected. Passphrase:</source>
        <translation>该客户受密码保护。密码：</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Save client</source>
        <translation>保存客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client&apos;s name or alias:</source>
        <translation>客户的姓名或化名：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved {alias}.</source>
        <translation>已保存 {alias}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Duplicated as {alias}.</source>
        <translation>已复制为 {alias}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete client</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete {alias} with all notes and snapshots? This cannot be undone.</source>
        <translation>删除 {alias} 及其全部记录和快照？此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a saved client to export.</source>
        <translation>请先选择一位要导出的已保存客户。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export client</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift client (*.json)</source>
        <translation>SkillShift 客户文件 (*.json)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import client or profile</source>
        <translation>导入客户或个人资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift client or profile (*.json)</source>
        <translation>SkillShift 客户或个人资料文件 (*.json)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Imported {alias}.</source>
        <translation>已导入 {alias}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no analysis to keep yet: fill in the profile first.</source>
        <translation>还没有可保存的分析结果：请先填写个人资料。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Take at least two snapshots to compare them.</source>
        <translation>至少需要两个快照才能对比。</translation>
    </message>
    <message>
        <source>AI exposure (beta)</source>
        <translation>人工智能暴露度（β）</translation>
    </message>
    <message>
        <source>Percentile among occupations</source>
        <translation>在各职业中的百分位</translation>
    </message>
    <message>
        <source>Directly exposed time (alpha)</source>
        <translation>直接暴露的时间占比（α）</translation>
    </message>
    <message>
        <source>Exposed with tools (gamma)</source>
        <translation>含借助工具的暴露时间占比（γ）</translation>
    </message>
    <message>
        <source>O*NET tasks ticked</source>
        <translation>已勾选的 O*NET 任务</translation>
    </message>
    <message>
        <source>Own tasks</source>
        <translation>自填任务</translation>
    </message>
    <message>
        <source>Skills listed</source>
        <translation>已列出的技能</translation>
    </message>
    <message>
        <source>Top-5 moves (count / in common)</source>
        <translation>前 5 个转型方向（个数 / 两次共有）</translation>
    </message>
    <message>
        <source>If you discard them, they are lost.</source>
        <translation>如果放弃，这些更改将丢失。</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Open client</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Save the changes to {who} first?</source>
        <translation>先保存对 {who} 的更改吗？</translation>
    </message>
    <message>
        <source>this profile</source>
        <translation>此个人资料</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <location filename="../widgets/charts.py" line="+123"/>
        <source>Distribution of exposure across occupations</source>
        <translation>各职业暴露度的分布</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No analysis yet</source>
        <translation>尚无分析结果</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>AI exposure (model beta) → · bars: number of occupations</source>
        <translation>人工智能暴露度（模型 β 值）→ · 柱高：职业数量</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>You: {v:.2f}</source>
        <translation>您：{v:.2f}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your occupation, all its tasks: {v:.2f}</source>
        <translation>您的职业（全部任务）：{v:.2f}</translation>
    </message>
</context>
<context>
    <name>ExposureGauge</name>
    <message>
        <location line="-182"/>
        <source>Exposure gauge</source>
        <translation>暴露度标尺</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your exposure: {v:.2f} of 1</source>
        <translation>您的暴露度：{v:.2f}（满分 1）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>lower third</source>
        <translation>低段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>middle third</source>
        <translation>中段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>upper third</source>
        <translation>高段</translation>
    </message>
</context>
<context>
    <name>ExposurePage</name>
    <message>
        <location filename="../pages/exposure_page.py" line="+80"/>
        <source>Choose your occupation and tick at least one task on the Profile page; your exposure appears here.</source>
        <translation>请在“个人资料”页选择您的职业，并至少勾选一项任务；您的人工智能暴露度会显示在这里。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your exposure</source>
        <translation>您的暴露度</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Exposure is not job loss.&lt;/b&gt; It estimates how much of the work a language model could do or speed up. Employers may use that to help you, to change the job or to hire differently: plan with it, it is not a forecast.</source>
        <translation>&lt;b&gt;暴露度不等于失业。&lt;/b&gt;它估计的是语言模型能完成或加快多少工作。雇主可能借此帮助您，也可能改变岗位内容或招聘方式：请用它来做规划，它不是预测。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Automation or augmentation?</source>
        <translation>自动化还是增强？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Your tasks, one by one (hover a task for its evidence)</source>
        <translation>逐项查看您的任务（鼠标停在任务上可查看依据）</translation>
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
        <translation>P(E0) {a:.2f}，P(E1) {b:.2f}，P(E2) {c:.2f}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model&apos;s class (E0 not exposed, E1 exposed, E2 exposed with tools) and score: P(E1) + half P(E2)</source>
        <translation>模型给出的类别（E0 未暴露，E1 直接暴露，E2 借助工具暴露）和得分：P(E1) + P(E2) 的一半</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Human</source>
        <translation>人工</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label published by Eloundou et al. (human annotators)</source>
        <translation>Eloundou 等人发表的标注（人工标注员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GPT-4</source>
        <translation>GPT-4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label published by Eloundou et al. (GPT-4 as annotator)</source>
        <translation>Eloundou 等人发表的标注（由 GPT-4 标注）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evidence: nearest O*NET task</source>
        <translation>依据：最接近的 O*NET 任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exposure of each task</source>
        <translation>每项任务的暴露度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published measures side by side</source>
        <translation>已发表指标对照</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each bar: the share of occupations this measure ranks below yours (longer = more exposed). Orange: not in the model&apos;s third.</source>
        <translation>每根条：按这项指标，暴露度低于您所在职业的职业占多少（条越长 = 暴露度越高）。橙色：与模型不在同一段。</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>GPT-4 raters: automation level {lvl:.1f} of 4 on your labelled tasks ({cov:.0%} of your time).</source>
        <translation>GPT-4 评估：在有标注的任务上（占您时间的 {cov:.0%}），自动化程度为 {lvl:.1f}（满分 4）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{share:.0%} of your time is on tasks people already bring to Claude (Anthropic Economic Index).</source>
        <translation>您有 {share:.0%} 的时间花在人们已经在用 Claude 做的任务上（Anthropic 经济指数）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>In Anthropic&apos;s sample, people mostly work with AI rather than hand tasks over:</source>
        <translation>在 Anthropic 的样本中，人们大多是与人工智能协作，而不是把任务整个交给它：</translation>
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
        <translation>所在段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lower</source>
        <translation>低段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>middle</source>
        <translation>中段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>upper</source>
        <translation>高段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same third of occupations as the SkillShift model</source>
        <translation>与 SkillShift 模型落在同一段（职业按暴露度三等分）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference measures</source>
        <translation>参考指标</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Evidence, the nearest O*NET task ({code}, similarity {s:.2f}): {task}</source>
        <translation>依据，最接近的 O*NET 任务（{code}，相似度 {s:.2f}）：{task}</translation>
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
        <translation>您的人工智能暴露度：{beta:.2f}（满分 1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> Your occupation&apos;s O*NET tasks as a whole score {occ:.2f}.</source>
        <translation>您所在职业的全部 O*NET 任务整体得分为 {occ:.2f}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time on directly exposed tasks (alpha) {a:.0%}; counting tasks that need extra tools (gamma) {g:.0%}.</source>
        <translation>直接暴露的任务占您时间的 {a:.0%}（α）；算上需要额外工具的任务，占 {g:.0%}（γ）。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>None of your tasks was seen in Anthropic&apos;s sample of AI conversations.</source>
        <translation>在 Anthropic 的人工智能对话样本中，没有出现您的任何任务。</translation>
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
    <message>
        <source>No comparison with other occupations is available.</source>
        <translation>无法与其他职业比较。</translation>
    </message>
    <message>
        <source>More exposed than {p:.0f}% of the {n} occupations scored by the model.</source>
        <translation>在模型评估的 {n} 个职业中，您的暴露度高于其中 {p:.0f}%。</translation>
    </message>
    <message>
        <source>Human raters (Eloundou)</source>
        <translation>人工评估（Eloundou 等人）</translation>
    </message>
    <message>
        <source>GPT-4 raters (Eloundou)</source>
        <translation>GPT-4 评估（Eloundou 等人）</translation>
    </message>
    <message>
        <source>AI applicability (Microsoft)</source>
        <translation>人工智能适用性（微软）</translation>
    </message>
    <message>
        <source>Observed AI use (Anthropic)</source>
        <translation>人工智能实际使用（Anthropic）</translation>
    </message>
    <message>
        <source>SkillShift model (all its tasks)</source>
        <translation>SkillShift 模型（该职业全部任务）</translation>
    </message>
    <message>
        <source>E0 · not exposed</source>
        <translation>E0 · 未暴露</translation>
    </message>
    <message>
        <source>E1 · exposed</source>
        <translation>E1 · 直接暴露</translation>
    </message>
    <message>
        <source>E2 · exposed with tools</source>
        <translation>E2 · 借助工具暴露</translation>
    </message>
    <message>
        <source>The published measures agree with the model: all put this occupation in the same third.</source>
        <translation>已发表的指标与模型一致：都把这个职业放在同一段。</translation>
    </message>
    <message>
        <source>The published measures disagree with the model: none puts this occupation in the model&apos;s third.</source>
        <translation>已发表的指标与模型不一致：没有一项把这个职业放在模型所在的段。</translation>
    </message>
    <message>
        <source>The published measures partly agree: some put this occupation in the model&apos;s third, others do not.</source>
        <translation>已发表的指标与模型部分一致：有的把这个职业放在模型所在的段，有的没有。</translation>
    </message>
    <message>
        <source>There are not enough published measures for this occupation to compare.</source>
        <translation>这个职业的已发表指标太少，无法比较。</translation>
    </message>
    <message>
        <source>Anthropic&apos;s split over all conversations in its sample, not your tasks</source>
        <translation>Anthropic 样本中全部对话的比例，不是您的任务</translation>
    </message>
    <message>
        <source>Evidence:
nearest O*NET task</source>
        <translation>依据：
最接近的 O*NET 任务</translation>
    </message>
    <message>
        <source>How to read this: each task is E0 (a language model would not make it much faster), E1 (a model alone could halve its time) or E2 (it could with tools built on a model). Exposure, also called beta, counts your time on E1 tasks plus half your time on E2 tasks; alpha counts E1 time only and gamma counts E1 and E2 in full. “SkillShift model” means this app&apos;s own estimate.</source>
        <translation>如何理解：每项任务分为 E0（语言模型不会让它明显更快）、E1（模型本身就能把所需时间减少至少一半）或 E2（借助基于模型的工具才能做到）。暴露度（β）计算您在 E1 任务上的时间加上 E2 任务时间的一半；α 只计算 E1 的时间，γ 则完整计算 E1 和 E2 的时间。“SkillShift 模型”指本应用自己的估计。</translation>
    </message>
    <message>
        <source>None of your tasks was seen in Anthropic&apos;s sample of AI conversations, so there is no data on whether people automate or augment them.</source>
        <translation>您的任务都没有出现在 Anthropic 的人工智能对话样本中，因此没有数据说明人们是把它们自动化还是增强。</translation>
    </message>
    <message>
        <source>Percent of occupations this measure scores at or below yours</source>
        <translation>该指标给出的分数不高于您的职业的职业所占百分比</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <source>The measures use different scales, so each bar shows your occupation&apos;s percentile among all occupations on that measure (longer = more exposed). Orange: not in the model&apos;s third.</source>
        <translation>各指标的尺度不同，所以每个条形显示您的职业在该指标上于所有职业中的百分位（越长 = 暴露度越高）。橙色：与模型不在同一段。</translation>
    </message>
    <message>
        <source>Your tasks: GPT-4 raters put their automation level at {lvl:.1f} of 4 (0 = AI only assists, 4 = AI could do the task alone), on the tasks they rated ({cov:.0%} of your time).</source>
        <translation>您的任务：GPT-4 评估给出的自动化程度为 {lvl:.1f}（满分 4；0 = 人工智能只起辅助作用，4 = 人工智能可以独立完成任务），基于其评估过的任务（占您时间的 {cov:.0%}）。</translation>
    </message>
    <message>
        <source>{share:.0%} of your time is on tasks people already bring to Claude (Anthropic Economic Index). Anthropic publishes its automation and augmentation split for all conversations together, not per task: the bar below is that overall split, not yours.</source>
        <translation>您 {share:.0%} 的时间花在人们已经交给 Claude 的任务上（Anthropic 经济指数）。Anthropic 只公布全部对话合计的自动化与增强比例，没有按任务公布：下面的条形是这个总体比例，不是您的。</translation>
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
        <translation>人工智能暴露度(&amp;E)</translation>
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
        <translation>{page}（Ctrl+{n}）</translation>
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
        <translation>停止当前操作（Esc）</translation>
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
        <translation>取消当前操作(&amp;C)</translation>
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
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the skills graph</source>
        <translation>正在准备技能图谱</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model: {provider}, on this computer</source>
        <translation>模型：{provider}，在本机运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model ready on this computer ({provider}). Preparing the skills graph…</source>
        <translation>模型已在本机就绪（{provider}）。正在准备技能图谱…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready. Everything runs on this computer.</source>
        <translation>就绪。所有计算都在本机完成。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reloading the model…</source>
        <translation>正在重新加载模型…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Analysing your profile</source>
        <translation>正在分析您的个人资料</translation>
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
        <translation>{who}{title} · {tasks} 项任务 · {skills} 项技能</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> · AI exposure {beta:.2f}</source>
        <translation> · 人工智能暴露度 {beta:.2f}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SkillShift — {who}</source>
        <translation>SkillShift — {who}</translation>
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
        <translation>自动保存失败：{e}</translation>
    </message>
    <message>
        <source>Nothing can be saved: the data folder {folder} cannot be written ({problem}). Choose another folder on the Settings page.</source>
        <translation>无法保存：数据文件夹 {folder} 无法写入（{problem}）。请在“设置与关于”页选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore your work?</source>
        <translation>恢复您的工作？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift did not close properly last time. Restore the work autosaved at {when}?</source>
        <translation>SkillShift 上次没有正常关闭。要恢复 {when} 自动保存的工作吗？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The autosaved work could not be restored: {e}</source>
        <translation>无法恢复自动保存的工作：{e}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restored the work autosaved at {when}.</source>
        <translation>已恢复 {when} 自动保存的工作。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Unnamed profile</source>
        <translation>未命名的个人资料</translation>
    </message>
    <message>
        <source>{who}{title} · {tasks} · {skills}</source>
        <translation>{who}{title} · {tasks} · {skills}</translation>
    </message>
    <message numerus="yes">
        <source>%n skill(s)</source>
        <translation>
            <numerusform>%n 项技能</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathwayGraph</name>
    <message>
        <location filename="../widgets/pathway_graph.py" line="+53"/>
        <source>Graph of career moves</source>
        <translation>职业转型图</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{direct} direct moves and {paths} multi-step paths</source>
        <translation>{direct} 个直接转型方向和 {paths} 条多步路径</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No moves to draw yet</source>
        <translation>暂无可显示的转型方向</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You now</source>
        <translation>您现在</translation>
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
        <translation>暴露度 {beta}</translation>
    </message>
    <message numerus="yes">
        <source> and %n multi-step path(s)</source>
        <translation>
            <numerusform>和 %n 条多步路径</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n direct move(s)</source>
        <translation>
            <numerusform>%n 个直接转型方向</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathwaysPage</name>
    <message>
        <location filename="../pages/pathways_page.py" line="+163"/>
        <source>Your possible moves appear here once the Profile page has an occupation and tasks.</source>
        <translation>在“个人资料”页选好职业并勾选任务后，可选的转型方向会显示在这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Safer only (less exposed than you)</source>
        <translation>仅更安全的（暴露度低于您）(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bright outlook only</source>
        <translation>仅前景光明的(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wage at least:</source>
        <translation>年薪不低于当前的(&amp;W)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> % of yours</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minimum wage as a percentage of your current median wage</source>
        <translation>年薪下限：占您当前职业年薪中位数的百分比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Job zone up at most:</source>
        <translation>准备程度等级最多提高(&amp;J)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest step up in O*NET job zone</source>
        <translation>O*NET 准备程度等级最多可提高几级</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit</source>
        <translation>契合度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How much of what the move needs you already bring (0-1)</source>
        <translation>这个转型方向所需要的，您已经具备多少（0-1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exposure (vs you)</source>
        <translation>暴露度（与您相比）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wage</source>
        <translation>年薪</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zone</source>
        <translation>准备程度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>O*NET job zone: 1 little preparation … 5 extensive preparation</source>
        <translation>O*NET 准备程度等级：1 几乎无需准备 … 5 需要大量准备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outlook</source>
        <translation>前景</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Employment growth 2024–34 (BLS); bright = O*NET Bright Outlook</source>
        <translation>2024–34 年就业增长（美国劳工统计局 BLS）；光明 = O*NET 标为“前景光明”（Bright Outlook）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learn</source>
        <translation>需学习</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Essential skills of the move you do not have yet</source>
        <translation>这个转型方向的必备技能中，您还不具备的数量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Possible moves</source>
        <translation>可选的转型方向</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Map of moves</source>
        <translation>转型地图</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Green border: less exposed than you; orange: more. Solid lines: direct moves (thicker = better fit); dashed: multi-step paths to safer occupations.</source>
        <translation>绿色边框：暴露度比您低；橙色：比您高。实线：直接转型（越粗越契合）；虚线：通往更安全职业的多步路径。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a move to see its skill gap.</source>
        <translation>选择一个转型方向，查看它的技能差距。</translation>
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
        <translation>已由您的技能覆盖：{s}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Skill gap of the selected move</source>
        <translation>所选转型方向的技能差距</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to learn, in order</source>
        <translation>学习顺序</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>#</source>
        <translation>#</translation>
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
        <translation>学习计划</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>{shown} of {total} moves shown</source>
        <translation>显示 {shown} / {total} 个转型方向</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No move passes these filters: relax the wage floor, the job-zone step or “safer only”.</source>
        <translation>没有符合这些筛选条件的转型方向：请放宽年薪下限、准备程度等级的提升幅度或“仅更安全的”。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({code}) · fit {fit:.2f} · exposure {beta} · wage {wage}&lt;br&gt;You have {have}, partly have {partial}, and would learn {gap} of its skills.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;（{code}）· 契合度 {fit:.2f} · 暴露度 {beta} · 年薪 {wage}&lt;br&gt;它所需的技能中，您已具备 {have} 项，部分具备 {partial} 项，需学习 {gap} 项。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>You: {title}</source>
        <translation>您：{title}</translation>
    </message>
    <message>
        <source>useful for this occupation</source>
        <translation>对该职业有用</translation>
    </message>
    <message>
        <source>learn first: other skills on this list build on it</source>
        <translation>先学：清单上的其他技能以它为基础</translation>
    </message>
    <message>
        <source>essential for this occupation</source>
        <translation>该职业的必备技能</translation>
    </message>
    <message>
        <source>bright</source>
        <translation>光明</translation>
    </message>
    <message>
        <source>have</source>
        <translation>已具备</translation>
    </message>
    <message>
        <source>partly</source>
        <translation>部分具备</translation>
    </message>
    <message>
        <source>to learn</source>
        <translation>需学习</translation>
    </message>
    <message>
        <source>opens {n} other moves</source>
        <translation>还能通往另外 {n} 个转型方向</translation>
    </message>
    <message>
        <source>opens {n} other moves, {s} of them safer</source>
        <translation>还能通往另外 {n} 个转型方向，其中 {s} 个更安全</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({code}) · fit {fit:.2f} · exposure {beta} (your occupation {base}) · wage {wage}&lt;br&gt;Its skills: you have {have}, partly have {partial}, would learn {gap}.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;（{code}）· 契合度 {fit:.2f} · 暴露度 {beta}（您的职业 {base}）· 年薪 {wage}&lt;br&gt;所需技能：已具备 {have} 项，部分具备 {partial} 项，需学习 {gap} 项。</translation>
    </message>
    <message>
        <source>Exposure
(vs your occupation)</source>
        <translation>暴露度
（与您的职业相比）</translation>
    </message>
    <message>
        <source>The occupation&apos;s exposure over all its O*NET tasks, and in brackets the difference from your occupation&apos;s, counted the same way. Your own tasks&apos; figure is on the Exposure page.</source>
        <translation>该职业全部 O*NET 任务的暴露度，括号内是与您的职业（按同样方法计算）的差值。您自己任务的数字在人工智能暴露度页面上。</translation>
    </message>
    <message>
        <source>{title}, all its tasks: {beta:.2f}. Your occupation ({own}), all its tasks: {base:.2f}. Your own tasks: {you:.2f}.</source>
        <translation>{title}，全部任务：{beta:.2f}。您的职业（{own}），全部任务：{base:.2f}。您自己的任务：{you:.2f}。</translation>
    </message>
    <message numerus="yes">
        <source>, %n of them safer</source>
        <translation>
            <numerusform>，其中 %n 个更安全</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n move(s) shown</source>
        <translation>
            <numerusform>显示 %n 个转型方向中的 {shown} 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>opens %n other move(s)</source>
        <translation>
            <numerusform>还能打开 %n 个其他转型方向</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PercentileBars</name>
    <message>
        <location filename="../widgets/charts.py" line="+173"/>
        <source>Reference measures compared</source>
        <translation>参考指标对比</translation>
    </message>
    <message>
        <source>percentile among all occupations (0 = least exposed)</source>
        <translation>在所有职业中的百分位（0 = 暴露度最低）</translation>
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
        <translation>选填，如：张女士</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name or alias</source>
        <translation>姓名或化名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Job title:</source>
        <translation>职位名称(&amp;J)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>type your job title, e.g. bookkeeper or sr accounts payable clerk</source>
        <translation>输入您的职位名称，如：记账员、高级应付会计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job title</source>
        <translation>职位名称</translation>
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
        <translation>建议的职业</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;Your title fits several occupations.&lt;/b&gt; Tick the tasks you really do below; the occupation whose tasks you tick rises to the top. Then choose it.</source>
        <translation>&lt;b&gt;您的职位名称对应多个职业。&lt;/b&gt;请在下方勾选您实际在做的任务，被勾选任务所属的职业会排到最前面，然后选择它。</translation>
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
        <translation>候选职业</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Use this occupation</source>
        <translation>使用此职业(&amp;U)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No occupation chosen yet.</source>
        <translation>尚未选择职业。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your tasks</source>
        <translation>您的工作任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task checklist</source>
        <translation>任务清单</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add &amp;my own task:</source>
        <translation>添加我自己的任务(&amp;M)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in your words, e.g. reconcile supplier statements</source>
        <translation>用自己的话写，如：核对供应商对账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your own task</source>
        <translation>您自己的任务</translation>
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
        <translation>搜索 ESCO、O*NET 技能和技术工具，或输入自己的说法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a skill</source>
        <translation>添加技能</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add s&amp;kill</source>
        <translation>添加技能(&amp;K)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closest ESCO skill</source>
        <translation>最接近的 ESCO 技能</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ESCO skills matching your words</source>
        <translation>与您的说法相符的 ESCO 技能</translation>
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
        <translation>按原样添加；分析时会把它匹配到 ESCO 技能</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Suggested for your occupation (Enter or double-click adds):</source>
        <translation>为您的职业推荐（按 Enter 或双击即可添加）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suggested skills</source>
        <translation>推荐技能</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your occupation&apos;s usual ESCO skills count as yours too; add what else you can do.</source>
        <translation>您所在职业常见的 ESCO 技能也算作您的技能；请补充您还会的其他技能。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Searching occupations</source>
        <translation>正在搜索职业</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No occupation chosen yet: type your job title above.</source>
        <translation>尚未选择职业：请在上方输入您的职位名称。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose your occupation from the candidates above.</source>
        <translation>请从上方的候选职业中选择您的职业。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>median wage ${wage:,}</source>
        <translation>年薪中位数 ${wage:,}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>job zone {zone} of 5</source>
        <translation>准备程度等级 {zone}（共 5 级）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({code}) {facts} — tick the tasks you do and set how much time each takes.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;（{code}）{facts}——请勾选您做的任务，并设置每项任务所花的时间。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n} tasks ticked, {own} of them your own. Space ticks a task; the Time slider follows the arrow keys.</source>
        <translation>已勾选 {n} 项任务，其中 {own} 项是自填的。按空格键勾选任务；“时间”滑块可用方向键调节。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Live estimate for “{text}”: {label}, exposure {beta:.2f}</source>
        <translation>“{text}”的实时估计：{label}，暴露度 {beta:.2f}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <source>Scoring your task</source>
        <translation>正在为您的任务评分</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{label}  · ESCO {relation}</source>
        <translation>{label}  · ESCO {relation}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label}  · O*NET {kind}</source>
        <translation>{label}  · O*NET {kind}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label}  · technology</source>
        <translation>{label}  · 技术工具</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Matching your skill to ESCO</source>
        <translation>正在把您的技能匹配到 ESCO</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{text}” is not in the list. Closest ESCO skills:</source>
        <translation>列表中没有“{text}”。最接近的 ESCO 技能：</translation>
    </message>
    <message>
        <source>&lt;b&gt;No occupation matches “{query}”.&lt;/b&gt; Check the spelling, or try the title you would put on a CV or a broader one (nurse, driver, clerk).</source>
        <translation>&lt;b&gt;没有与“{query}”匹配的职业。&lt;/b&gt;请检查拼写，或试试您会写在简历上的职位名称，或更宽泛的名称（护士、司机、文员）。</translation>
    </message>
    <message>
        <source>Added the ESCO skill “{label}”.</source>
        <translation>已添加 ESCO 技能“{label}”。</translation>
    </message>
    <message>
        <source>Click the occupation that fits you (or use ↓ and Enter).</source>
        <translation>点击符合您的职业（或用 ↓ 和回车键）。</translation>
    </message>
    <message>
        <source>Closest ESCO skills found.</source>
        <translation>已找到最接近的 ESCO 技能。</translation>
    </message>
    <message>
        <source>How sure the search is that this is your occupation (its score, 0-1, is the bar)</source>
        <translation>搜索有多确定这就是您的职业（条形表示 0–1 的得分）</translation>
    </message>
    <message>
        <source>Space ticks a task; the Time slider follows the arrow keys.</source>
        <translation>空格键勾选任务；时间滑块随方向键移动。</translation>
    </message>
    <message>
        <source>likely</source>
        <translation>可能</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>不匹配</translation>
    </message>
    <message>
        <source>possible</source>
        <translation>或许</translation>
    </message>
    <message>
        <source>unlikely</source>
        <translation>不太可能</translation>
    </message>
    <message>
        <source>very likely</source>
        <translation>很可能</translation>
    </message>
    <message>
        <source>“{text}” is not the name of an ESCO skill. The closest ones are below: add one, or keep your words.</source>
        <translation>“{text}”不是 ESCO 技能的名称。下面是最接近的技能：添加其中一个，或保留您的原话。</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) ticked</source>
        <translation>
            <numerusform>已勾选 %n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them your own.</source>
        <translation>
            <numerusform>，其中 %n 项是自填任务。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Your profile</source>
        <translation>您的个人资料</translation>
    </message>
    <message>
        <source>Exposure scores come from a small model trained on published task labels; they can be wrong for any single task.</source>
        <translation>暴露度得分来自一个用已发表的任务标注训练的小模型；对任何单项任务都可能出错。</translation>
    </message>
    <message>
        <source>Exposure measures what AI could do with the work, not whether a job will disappear.</source>
        <translation>暴露度衡量的是人工智能能在这些工作上做什么，而不是岗位会不会消失。</translation>
    </message>
    <message>
        <source>Moves are ranked by overlap of skills, knowledge, activities and technology; they ignore local demand, licences and personal circumstances.</source>
        <translation>转型方向按技能、知识、工作活动和技术工具的重合程度排序；没有考虑当地的用人需求、执业资格和个人情况。</translation>
    </message>
    <message>
        <source>Wages and outlook are U.S. national figures (BLS) and may differ where you live.</source>
        <translation>年薪和就业前景均为美国全国数据（美国劳工统计局 BLS），可能与您所在地的情况不同。</translation>
    </message>
    <message>
        <source>SkillShift report</source>
        <translation>SkillShift 报告</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>AI exposure</source>
        <translation>人工智能暴露度</translation>
    </message>
    <message>
        <source>Exposure is not job loss: it estimates how much of the work a language model could do or speed up. It is one input to plan with, not a forecast.</source>
        <translation>暴露度不等于失业：它估计的是语言模型能完成或加快多少工作。它是做规划的参考之一，不是预测。</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Human / GPT-4</source>
        <translation>人工 / GPT-4</translation>
    </message>
    <message>
        <source>Published measures</source>
        <translation>已发表的指标</translation>
    </message>
    <message>
        <source>Top moves</source>
        <translation>首选转型方向</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>契合度</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>暴露度</translation>
    </message>
    <message>
        <source>Median wage</source>
        <translation>年薪中位数</translation>
    </message>
    <message>
        <source>Skills to learn</source>
        <translation>需学习的技能</translation>
    </message>
    <message>
        <source>Sources, licences and attribution</source>
        <translation>数据来源、许可协议和署名</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <source>Multi-step paths to safer occupations</source>
        <translation>通往更安全职业的多步路径</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Prepared on {day} with SkillShift {version}, entirely on this computer.</source>
        <translation>由 SkillShift {version} 于 {day} 生成，全部在本机完成。</translation>
    </message>
    <message>
        <source>{n} tasks ({own} in their own words), {s} skills listed.</source>
        <translation>共 {n} 项任务（其中 {own} 项为自填），列出 {s} 项技能。</translation>
    </message>
    <message>
        <source>of 1</source>
        <translation>（满分 1）</translation>
    </message>
    <message>
        <source>median wage</source>
        <translation>年薪中位数</translation>
    </message>
    <message>
        <source>Learning plan towards {title}</source>
        <translation>转向 {title} 的学习计划</translation>
    </message>
    <message>
        <source>job zone</source>
        <translation>准备程度等级</translation>
    </message>
    <message>
        <source>more exposed than {p:.0f}% of occupations</source>
        <translation>暴露度高于 {p:.0f}% 的职业</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n in their own words), </source>
        <translation>
            <numerusform>（%n 项为自填任务），</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skill(s) listed.</source>
        <translation>
            <numerusform>列出 %n 项技能。</numerusform>
        </translation>
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
        <translation>一键保存：把报告存到您的 SkillShift 报告文件夹</translation>
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
        <translation>个人资料分析完成后即可生成报告。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report preview</source>
        <translation>报告预览</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preview of the report. Save it as a PDF or print it.</source>
        <translation>报告预览。可以另存为 PDF，也可以打印。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The PDF could not be saved: {e}</source>
        <translation>无法保存 PDF：{e}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written to {path}.</source>
        <translation>无法将 PDF 写入 {path}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>SkillShift report preview</source>
        <translation>SkillShift 报告预览</translation>
    </message>
    <message>
        <source>One click: saves the report in the folder you last saved one in (at first your Documents folder)</source>
        <translation>一键保存：把报告保存到您上次保存报告的文件夹（第一次是您的“文档”文件夹）</translation>
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
        <translation>NVIDIA CUDA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DirectML (Windows GPU)</source>
        <translation>DirectML（Windows 显卡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Core ML (Apple)</source>
        <translation>Core ML（Apple）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compute provider</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compute provider:</source>
        <translation>计算方式(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model not loaded yet</source>
        <translation>模型尚未加载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute provider in use</source>
        <translation>正在使用的计算方式</translation>
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
        <translation>线程数</translation>
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
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language changes the next time SkillShift starts.</source>
        <translation>语言将在下次启动 SkillShift 时生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hange…</source>
        <translation>更改(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the data folder</source>
        <translation>更改数据文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profiles, settings, drafts and caches live here. A new folder is used from the next start; start SkillShift with --data-dir FOLDER to use another one just once (e.g. on a USB stick).</source>
        <translation>个人资料、设置、草稿和缓存都保存在这里，更改后的文件夹从下次启动起使用。用 --data-dir 文件夹路径 启动 SkillShift，可以临时使用别的文件夹（例如 U 盘上的）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About SkillShift</source>
        <translation>关于 SkillShift</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SkillShift {version}</source>
        <translation>SkillShift {version}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How exposed your tasks are to AI, and where your skills can take you. Everything runs on this computer: SkillShift opens no network connection, and nothing you type leaves it.</source>
        <translation>看看您的工作任务的人工智能暴露度有多高，以及您的技能能带您走向哪里。所有计算都在本机完成：SkillShift 不建立任何网络连接，您输入的内容不会离开这台电脑。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exposure estimates describe what AI could do with tasks, not whether jobs disappear. Wages and outlook are U.S. national figures.</source>
        <translation>暴露度估计描述的是人工智能能在这些任务上做什么，而不是岗位会不会消失。年薪和就业前景均为美国全国数据。</translation>
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
        <translation>SkillShift 基于以下数据集构建；数据的发布方并未为 SkillShift 背书。</translation>
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
        <translation>许可协议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution</source>
        <translation>署名</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose a folder for SkillShift&apos;s data</source>
        <translation>选择 SkillShift 的数据文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SkillShift cannot use that folder: {error}</source>
        <translation>SkillShift 无法使用该文件夹：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{current} (from the next start: {chosen})</source>
        <translation>{current}（下次启动起：{chosen}）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The built-in database: {occupations:,} occupations, {titles:,} job titles, {tasks:,} tasks and {skills:,} ESCO skills.</source>
        <translation>内置数据库：{occupations:,} 个职业、{titles:,} 个职位名称、{tasks:,} 项任务和 {skills:,} 项 ESCO 技能。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not running ({e})</source>
        <translation>未运行（{e}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{provider} ({providers}), {threads} threads, started in {s:.2f} s</source>
        <translation>{provider}（{providers}），{threads} 个线程，启动用时 {s:.2f} 秒</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Model: {file} (fine-tuned from {name}), {dim}-dimensional embeddings, exposure classes {labels}.</source>
        <translation>模型：{file}（基于 {name} 微调），{dim} 维向量，暴露类别 {labels}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>reloading…</source>
        <translation>正在重新加载…</translation>
    </message>
    <message>
        <source>Changing the language offers to restart SkillShift; your work is kept.</source>
        <translation>更改语言后可以重新启动 SkillShift；您的工作会保留。</translation>
    </message>
    <message>
        <source>The new language is used from the next start. Restart SkillShift now? Your work comes back as it is.</source>
        <translation>新语言从下次启动起生效。现在重新启动 SkillShift 吗？您的工作会原样恢复。</translation>
    </message>
    <message>
        <source>The new language is used the next time SkillShift starts.</source>
        <translation>新语言将在下次启动 SkillShift 时生效。</translation>
    </message>
</context>
<context>
    <name>SliderDelegate</name>
    <message>
        <location filename="../widgets/delegates.py" line="+73"/>
        <source>Time on this task</source>
        <translation>在这项任务上花的时间</translation>
    </message>
</context>
<context>
    <name>TaskChecklistModel</name>
    <message>
        <source>Task (tick what you do)</source>
        <translation>任务（勾选您做的）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>AI exposure</source>
        <translation>人工智能暴露度</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Relative time on this task; drag or use the arrow keys</source>
        <translation>这项任务的相对时间；可拖动或用方向键调节</translation>
    </message>
    <message>
        <source>How much of your time the task takes, relative to the others</source>
        <translation>这项任务相对于其他任务占用您多少时间</translation>
    </message>
    <message>
        <source>Share of your working time (from the Time sliders)</source>
        <translation>占您工作时间的比例（按“时间”滑块计算）</translation>
    </message>
    <message>
        <source>The model&apos;s exposure class and score for this task</source>
        <translation>模型对这项任务给出的暴露类别和得分</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Supplemental</source>
        <translation>补充</translation>
    </message>
    <message>
        <source>My own</source>
        <translation>自填</translation>
    </message>
    <message>
        <source>Model estimate: {label}, exposure {beta:.2f} (0 = none, 1 = fully)</source>
        <translation>模型估计：{label}，暴露度 {beta:.2f}（0 = 完全不暴露，1 = 完全暴露）</translation>
    </message>
    <message>
        <source>(you)</source>
        <translation>（自填）</translation>
    </message>
</context>
</TS>
