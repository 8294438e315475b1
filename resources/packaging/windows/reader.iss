; Inno Setup script for Reader on Windows (run by .github/workflows/build.yml):
;   iscc /DAppName="<title from manifest>" /DAppVersion=0.1.0 resources\packaging\windows\reader.iss
; Installs the PyInstaller onedir (dist\reader) per user, without admin rights.
; UTF-8 (Inno Setup 6.3 or later reads it without a BOM).

#ifndef AppName
  #define AppName "Reader"
#endif
#ifndef AppNameRu
  #define AppNameRu AppName
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define SourceDir "..\..\..\dist\reader"

[Setup]
AppId={{6E0C7F4B-6D0B-4C59-9E0A-3F1B3E1A2C55}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Reader developers
DefaultDirName={localappdata}\Programs\Reader
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\..\dist
OutputBaseFilename=reader-{#AppVersion}-setup
SetupIconFile=..\..\..\build\icons\reader.ico
; The code's licence, shown before installing; the texts of everything bundled
; (Qt and PySide6 under the LGPL, Python, Babel, snowballstemmer, the PT fonts)
; are installed with the onedir in _internal\reader\data\licenses and shown
; in Help > About.
LicenseFile=..\..\..\LICENSE
UninstallDisplayIcon={app}\reader.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
english.AppTitle={#AppName}
russian.AppTitle={#AppNameRu}
english.StandTitle={#AppName} (stand)
russian.StandTitle={#AppNameRu} (стенд)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\reader.exe"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\reader.exe"; Tasks: desktopicon
; The stand for visitors (docs/events.md): full screen, locked, back to the start when idle.
Name: "{autoprograms}\{cm:StandTitle}"; Filename: "{app}\reader.exe"; Parameters: "--kiosk"

[Run]
Filename: "{app}\reader.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
