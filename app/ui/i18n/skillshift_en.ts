<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skill(s)</source>
        <translation>
            <numerusform>%n skill</numerusform>
            <numerusform>%n skills</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message numerus="yes">
        <source>%n task(s) ticked</source>
        <translation>
            <numerusform>%n task ticked</numerusform>
            <numerusform>%n tasks ticked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them your own.</source>
        <translation>
            <numerusform>, %n of them your own.</numerusform>
            <numerusform>, %n of them your own.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathwaysPage</name>
    <message numerus="yes">
        <source>{shown} of %n move(s) shown</source>
        <translation>
            <numerusform>{shown} of %n move shown</numerusform>
            <numerusform>{shown} of %n moves shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>opens %n other move(s)</source>
        <translation>
            <numerusform>opens %n other move</numerusform>
            <numerusform>opens %n other moves</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them safer</source>
        <translation>
            <numerusform>, %n of them safer</numerusform>
            <numerusform>, %n of them safer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathwayGraph</name>
    <message numerus="yes">
        <source>%n direct move(s)</source>
        <translation>
            <numerusform>%n direct move</numerusform>
            <numerusform>%n direct moves</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n multi-step path(s)</source>
        <translation>
            <numerusform> and %n multi-step path</numerusform>
            <numerusform> and %n multi-step paths</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n in their own words), </source>
        <translation>
            <numerusform> (%n in their own words), </numerusform>
            <numerusform> (%n in their own words), </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skill(s) listed.</source>
        <translation>
            <numerusform>%n skill listed.</numerusform>
            <numerusform>%n skills listed.</numerusform>
        </translation>
    </message>
</context>
</TS>
